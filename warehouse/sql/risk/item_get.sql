-- The stored owner/status/note of every risk item.
select item_id, owner, status, note, updated_by, updated_at from risk_items
