select user_name, created_at, last_seen, ended_at, ended_reason
from sessions
where token_sha256 = $token_sha256
