-- A message the receiver accepted.
update notify_outbox
set status = 'sent', sent_at = $now, last_error = null
where outbox_id = $outbox_id and claimed_by = $worker
