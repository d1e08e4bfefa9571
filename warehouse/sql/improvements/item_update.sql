-- The fields a person edits on an improvement item.
update improvements
set title = $title, owner = $owner, due_date = $due_date, status = $status, note = $note,
    expected_gain = $expected_gain, updated_by = $user, updated_at = $at
where item_id = $item_id
