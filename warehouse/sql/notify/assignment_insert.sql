-- A work order on an alert.
insert into alert_assignments (alert_id, owner, due_at, note, assigned_by, assigned_at)
values ($alert_id, $owner, $due_at, $note, $assigned_by, $assigned_at)
returning assignment_id
