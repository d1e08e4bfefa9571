-- A failed attempt: retried at $next_attempt_at, or given up ('failed') after the last one.
update notify_outbox
set status = $status, last_error = $error, next_attempt_at = $next_attempt_at
where outbox_id = $outbox_id and claimed_by = $worker
