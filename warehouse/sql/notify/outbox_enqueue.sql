-- Queue messages (parallel lists, one entry per message); a key already queued (by this or
-- another process) is left alone. Returns how many were new.
insert into notify_outbox (dedup_key, target_name, kind, alert_id, event_id, title, body,
                           attachment, happened_at, created_at, status, attempts,
                           next_attempt_at)
select dedup_key, target_name, kind, alert_id, event_id, title, body, attachment, happened_at,
       $created_at, 'pending', 0, $created_at
from (
    select
        unnest($dedup_keys::varchar[]) as dedup_key,
        unnest($target_names::varchar[]) as target_name,
        unnest($kinds::varchar[]) as kind,
        unnest($alert_ids::bigint[]) as alert_id,
        unnest($event_ids::bigint[]) as event_id,
        unnest($titles::varchar[]) as title,
        unnest($bodies::varchar[]) as body,
        unnest($attachments::varchar[]) as attachment,
        unnest($happened::timestamp[]) as happened_at
)
on conflict (dedup_key) do nothing
