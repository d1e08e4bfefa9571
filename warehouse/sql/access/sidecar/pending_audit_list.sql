select id, at_utc, user_name, action, target, detail from pending_audit order by id
