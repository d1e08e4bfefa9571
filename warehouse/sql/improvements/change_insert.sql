-- One change of an improvement item (before is null when it was created).
insert into improvement_changes (item_id, changed_by, changed_at, before, after)
values ($item_id, $user, $at, $before, $after)
