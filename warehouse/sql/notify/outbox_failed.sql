-- Failed attempts (parallel lists): retried at next_attempt_at ('pending'), or given up ('failed').
update notify_outbox
set status = done.status, last_error = done.error, next_attempt_at = done.next_attempt_at
from (select unnest($outbox_ids::bigint[]) as outbox_id,
             unnest($statuses::varchar[]) as status,
             unnest($errors::varchar[]) as error,
             unnest($next_attempts::timestamp[]) as next_attempt_at) as done
where notify_outbox.outbox_id = done.outbox_id and notify_outbox.claimed_by = $worker
