-- Change history of the settings, newest first (optionally of one key).
select key, before, after, changed_by, changed_at
from settings_history
where $key is null or key = $key
order by changed_at desc
limit $limit
