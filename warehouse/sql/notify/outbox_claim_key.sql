-- Take one queued message by its key (a test sent at once).
update notify_outbox
set status = 'sending', claimed_by = $worker, claimed_at = $now, attempts = attempts + 1
where dedup_key = $dedup_key and status = 'pending'
returning outbox_id, attempts
