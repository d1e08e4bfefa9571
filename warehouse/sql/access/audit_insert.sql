-- One audit entry at $at_utc (UTC, set by the caller: entries from the sign-in queue keep their time).
insert into audit_log (at_utc, user_name, action, target, detail)
values ($at_utc, $user_name, $action, $target, $detail)
