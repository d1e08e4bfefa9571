-- The lifecycle events of one alert, oldest first.
select event_id, alert_id, event_at, event, user_name, from_state, to_state, level, value, note,
       recorded_at
from alert_events
where alert_id = $alert_id
order by event_at, event_id
