-- An admin asks for failed messages to be tried again now.
update notify_outbox
set status = 'pending', attempts = 0, next_attempt_at = $now
where status = 'failed' and ($outbox_id is null or outbox_id = $outbox_id)
