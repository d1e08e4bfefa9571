-- One entry of a setting's change history (before/after as JSON text).
insert into settings_history (key, before, after, changed_by, changed_at)
values ($key, $before, $after, $user, now()::timestamp)
