-- One entry of an item's change history.
insert into risk_item_changes (item_id, changed_by, changed_at, before, after)
values ($item_id, $user, $at, $before, $after)
