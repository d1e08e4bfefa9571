-- Changes of risk items, newest first.
select change_id, item_id, changed_by, changed_at, before, after
from risk_item_changes
where $item_id is null or item_id = $item_id
order by changed_at desc, change_id desc
