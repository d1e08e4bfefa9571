-- Messages still queued for a removed target are not sent.
update notify_outbox
set status = 'cancelled', last_error = 'target removed'
where target_name = $name and status in ('pending', 'sending', 'failed')
