-- Audit entries, newest first, optionally narrowed by time, user and action.
select audit_id, at_utc, user_name, action, target, detail
from audit_log
where ($start is null or at_utc >= $start)
  and ($end is null or at_utc < $end)
  and (len($users) = 0 or list_contains($users, lower(user_name)))
  and (len($actions) = 0 or list_contains($actions, action))
  and ($text is null or contains(lower(coalesce(target, '') || ' ' || coalesce(detail::varchar, '')), $text))
order by at_utc desc, audit_id desc
limit $limit
