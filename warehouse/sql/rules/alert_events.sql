-- The lifecycle events of one alert in the order they were recorded.
select event_id, alert_id, event_at, event, user_name, from_state, to_state, level, value, note,
       recorded_at
from alert_events
where alert_id = $alert_id
order by event_id
