-- One admin-edited setting (value as JSON text), or no row when it was never set.
select key, value, changed_by, changed_at
from app_settings
where key = $key
