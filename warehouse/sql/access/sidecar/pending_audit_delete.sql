delete from pending_audit where id <= $last_id
