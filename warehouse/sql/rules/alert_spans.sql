-- Every alert of one rule with the data time it covers (open ones up to now): late data for a
-- period inside a span belongs to that alert.
select
    alert_id,
    coalesce(audience, '') as audience,
    scope,
    period_start,
    coalesce(resolved_at, timestamp '9999-12-31') as "until"
from alerts
where rule_id = $rule_id
order by alert_id
