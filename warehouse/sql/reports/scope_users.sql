-- Enabled department heads and their scopes: whose scope a report can be generated for.
select name, channels, regions
from users
where role = 'dept_head' and not disabled
order by name
