-- Open alerts with their response clocks (overdue reminders and the digest).
select
    -- @include parts/notify/alert_columns.sql
from alerts as a
left join rules as r on r.rule_id = a.rule_id
where a.state in ('firing', 'acknowledged')
order by a.opened_at, a.alert_id
