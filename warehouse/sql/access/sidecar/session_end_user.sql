-- Every open session of one account (password changed, account removed or disabled).
update sessions set ended_at = $now, ended_reason = $reason
where user_name = $user_name and ended_at is null
