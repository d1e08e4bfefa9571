-- A new password also lifts a lock-out (an admin resetting it is the way out of one).
update users set password_hash = $password_hash, failed_logins = 0, locked_until = null
where name = $name
