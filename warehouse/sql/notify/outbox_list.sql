-- The newest queued messages, optionally of some statuses, for the Settings page and the CLI.
select outbox_id, target_name, kind, alert_id, title, status, attempts, happened_at, created_at,
       next_attempt_at, sent_at, last_error,
       epoch(sent_at) - epoch(happened_at) as seconds_to_send
from notify_outbox
where len($statuses) = 0 or list_contains($statuses, status)
order by outbox_id desc
limit $limit
