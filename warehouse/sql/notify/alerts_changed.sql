-- Alerts with an opened/escalated/resolved event recorded in [$start, $end) (the digest's "what changed").
select
    e.event, e.recorded_at,
    -- @include parts/notify/alert_columns.sql
from alert_events as e
join alerts as a on a.alert_id = e.alert_id
left join rules as r on r.rule_id = a.rule_id
where e.recorded_at >= $start and e.recorded_at < $end
  and e.event in ('opened', 'escalated', 'resolved')
order by e.event_id
