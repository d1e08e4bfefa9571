-- One account by name (names are stored lower-case and trimmed).
select name, role, channels, regions, password_hash, created_at, disabled, failed_logins, locked_until
from users
where name = $name
