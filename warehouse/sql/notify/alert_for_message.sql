-- One alert with the columns a message is written from.
select
    -- @include parts/notify/alert_columns.sql
from alerts as a
left join rules as r on r.rule_id = a.rule_id
where a.alert_id = $alert_id
