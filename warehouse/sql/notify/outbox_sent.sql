-- Messages the receivers accepted (parallel lists of ids and delivery times).
update notify_outbox
set status = 'sent', sent_at = done.sent_at, last_error = null
from (select unnest($outbox_ids::bigint[]) as outbox_id,
             unnest($sent_ats::timestamp[]) as sent_at) as done
where notify_outbox.outbox_id = done.outbox_id and notify_outbox.claimed_by = $worker
