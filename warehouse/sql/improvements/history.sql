-- The changes of one improvement item, newest first.
select change_id, item_id, changed_by, changed_at, before, after
from improvement_changes
where item_id = $item_id
order by changed_at desc, change_id desc
