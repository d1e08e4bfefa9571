-- Remember the language USER chose.
insert into preferences (user_name, language, updated_at) values ($user_name, $language, $now)
on conflict (user_name) do update set language = excluded.language, updated_at = excluded.updated_at
