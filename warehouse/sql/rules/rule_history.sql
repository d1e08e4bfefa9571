-- Rule changes, newest first.
select change_id, rule_id, changed_by, changed_at, before, after
from rule_changes
where $rule_id is null or rule_id = $rule_id
order by changed_at desc, change_id desc
