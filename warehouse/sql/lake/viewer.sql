-- An enabled account of the lake (lake/viewers.sql): its role and, for a department head, the
-- channels and regions it may see. No row: no such account.
select name, role, channels, regions
from viewers
where name = $name and not coalesce(disabled, false)
