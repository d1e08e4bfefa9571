-- Count a failed sign-in; the caller decides the lock from the new count.
update users set failed_logins = coalesce(failed_logins, 0) + 1 where name = $name
returning failed_logins
