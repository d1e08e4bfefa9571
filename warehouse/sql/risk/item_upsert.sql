-- Store an item's owner, mitigation status and note.
insert or replace into risk_items (item_id, owner, status, note, updated_by, updated_at)
values ($item_id, $owner, $status, $note, $user, $at)
