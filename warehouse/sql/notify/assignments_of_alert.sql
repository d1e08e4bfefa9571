-- The work orders of one alert, newest first.
select assignment_id, alert_id, owner, due_at, note, assigned_by, assigned_at
from alert_assignments
where alert_id = $alert_id
order by assignment_id desc
