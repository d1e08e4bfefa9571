-- Acknowledge a firing alert (the caller has checked the transition).
update alerts
set state = 'acknowledged', acknowledged_by = $user, acknowledged_at = $at, ack_note = $note
where alert_id = $alert_id and state = 'firing'
