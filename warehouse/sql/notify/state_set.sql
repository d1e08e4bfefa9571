-- Move a dispatch bookmark.
insert into notify_state (key, value, updated_at) values ($key, $value, $now)
on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
