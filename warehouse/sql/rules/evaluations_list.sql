-- The evaluation log, newest first.
select eval_id, rule_id, evaluated_at, evaluated_by, periods_from, periods_to, scopes, points,
       breaches, opened, escalated, resolved, status, message, latest
from rule_evaluations
where $rule_id is null or rule_id = $rule_id
order by eval_id desc
limit $limit
