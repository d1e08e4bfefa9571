-- The alerts of one rule the engine may still change: open ones, and resolved ones whose
-- recovery is not settled yet (newest per scope first).
select *
from alerts
where rule_id = $rule_id
  and (state in ('firing', 'acknowledged') or (state = 'resolved' and recovered is not true))
order by scope, opened_at desc
