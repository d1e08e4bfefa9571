-- Queued messages per status.
select status, count(*) as n from notify_outbox group by status
