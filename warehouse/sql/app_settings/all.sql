-- Every admin-edited setting.
select key, value, changed_by, changed_at
from app_settings
order by key
