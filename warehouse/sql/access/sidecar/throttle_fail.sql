-- Count one more failure in a row; the caller decides the lock from the new count.
insert into sign_in_throttle (name_sha256, failures) values ($name_sha256, 1)
on conflict (name_sha256) do update set failures = failures + 1
returning failures
