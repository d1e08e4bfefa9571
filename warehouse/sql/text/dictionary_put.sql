-- Save the category dictionary, replacing the previous one.
insert into app_settings (key, value, changed_by, changed_at)
values ($key, $value, $user_name, now()::timestamp)
on conflict (key) do update set
    value = excluded.value,
    changed_by = excluded.changed_by,
    changed_at = excluded.changed_at
