-- Queue one message; a key already queued (by this or another process) is left alone.
insert into notify_outbox (dedup_key, target_name, kind, alert_id, event_id, title, body,
                           attachment, happened_at, created_at, status, attempts,
                           next_attempt_at)
values ($dedup_key, $target_name, $kind, $alert_id, $event_id, $title, $body, $attachment,
        $happened_at, $created_at, 'pending', 0, $created_at)
on conflict (dedup_key) do nothing
