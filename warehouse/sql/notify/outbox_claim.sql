-- Take the messages that are due (pending, or left 'sending' by a process that died) for one
-- delivery round, oldest first; the write lock makes the claim atomic between processes.
update notify_outbox
set status = 'sending', claimed_by = $worker, claimed_at = $now, attempts = attempts + 1
where outbox_id in (
    select outbox_id
    from notify_outbox
    where (status = 'pending' and next_attempt_at <= $now)
       or (status = 'sending' and claimed_at < $stale_before)
    order by outbox_id
    limit $limit
)
returning outbox_id, dedup_key, target_name, kind, alert_id, title, body, attachment,
          happened_at, attempts
