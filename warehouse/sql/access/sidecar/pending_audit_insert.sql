insert into pending_audit (at_utc, user_name, action, target, detail)
values ($at_utc, $user_name, $action, $target, $detail)
