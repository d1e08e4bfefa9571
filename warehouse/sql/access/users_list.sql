-- Every account without its password hash, for the admin page and `users list`
-- (lock-outs live in the sign-in sidecar file: warehouse/access/throttle.py).
select name, role, channels, regions, created_at, disabled
from users
order by name
