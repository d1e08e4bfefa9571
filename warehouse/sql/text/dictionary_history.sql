-- Keep the before/after of a dictionary change beside every other settings change.
insert into settings_history (key, before, after, changed_by, changed_at)
values ($key, $before, $after, $user_name, now()::timestamp)
