-- Ended sessions are kept a day so a stale cookie can still be told why it ended.
delete from sessions where coalesce(ended_at, last_seen) < $before
