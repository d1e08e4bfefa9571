update sessions set last_seen = $now
where token_sha256 = $token_sha256 and ended_at is null
