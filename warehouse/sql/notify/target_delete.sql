-- Remove a target; its queued messages are cancelled by outbox_cancel_target.sql.
delete from notify_targets where name = $name
