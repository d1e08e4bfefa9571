-- The accounts routes are bound to: their role and scope decide what they may receive.
select name, role, channels, regions, coalesce(disabled, false) as disabled
from users
where list_contains($names, name)
