-- Every account without its password hash, for the admin page and `users list`.
select name, role, channels, regions, created_at, disabled, failed_logins, locked_until
from users
order by name
