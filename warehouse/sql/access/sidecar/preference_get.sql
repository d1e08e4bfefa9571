-- The language USER chose for themselves (no row: never chose).
select language from preferences where user_name = $user_name
