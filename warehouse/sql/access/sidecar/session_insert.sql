insert into sessions (token_sha256, user_name, created_at, last_seen)
values ($token_sha256, $user_name, $now, $now)
