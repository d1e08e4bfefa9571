-- The analyst-edited category dictionary, if one was saved (app_settings key text_dictionary).
select value
from app_settings
where key = $key
