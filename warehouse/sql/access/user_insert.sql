insert into users (name, role, channels, regions, password_hash, created_at, disabled, failed_logins)
values ($name, $role, $channels, $regions, $password_hash, $now, false, 0)
