-- How many queued messages are due now (dispatch skips its write when none are).
select count(*) as due
from notify_outbox
where (status = 'pending' and next_attempt_at <= $now)
   or (status = 'sending' and claimed_at < $stale_before)
