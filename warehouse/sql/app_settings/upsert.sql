-- Store a setting (insert or replace its value) with who changed it and when (UTC).
insert into app_settings (key, value, changed_by, changed_at)
values ($key, $value, $user, now()::timestamp)
on conflict (key) do update set
    value = excluded.value,
    changed_by = excluded.changed_by,
    changed_at = excluded.changed_at
