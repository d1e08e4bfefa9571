-- One lifecycle event of an alert.
insert into alert_events (alert_id, event_at, event, user_name, from_state, to_state, level, value,
                          note, recorded_at)
values ($alert_id, $at, $event, $user, $from_state, $to_state, $level, $value, $note,
        $recorded_at)
