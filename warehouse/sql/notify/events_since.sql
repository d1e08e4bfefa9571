-- Alert events after the dispatch cursor that notify someone, with the alert and its rule.
select
    e.event_id, e.event, e.event_at, e.recorded_at, e.user_name as event_user,
    e.from_state, e.to_state, e.level as event_level, e.value as event_value, e.note as event_note,
    -- @include parts/notify/alert_columns.sql
from alert_events as e
join alerts as a on a.alert_id = e.alert_id
left join rules as r on r.rule_id = a.rule_id
where e.event_id > $after
  and e.event in ('opened', 'escalated', 'resolved')
order by e.event_id
