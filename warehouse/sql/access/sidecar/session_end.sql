update sessions set ended_at = $now, ended_reason = $reason
where token_sha256 = $token_sha256 and ended_at is null
