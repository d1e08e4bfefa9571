-- Sessions and sign-in throttling (SQLite, beside the warehouse; see warehouse/access/sidecar.py).
-- Times are UTC epoch seconds.
create table if not exists sessions (
    token_sha256 text primary key,   -- the cookie holds the token; only its hash is stored
    user_name    text not null,
    created_at   real not null,
    last_seen    real not null,
    ended_at     real,
    ended_reason text                -- sign_out, idle, expired, password_changed, user_removed, user_disabled
);
create index if not exists sessions_by_user on sessions (user_name);

create table if not exists sign_in_throttle (
    name_sha256  text primary key,   -- hash of the name as typed (trimmed, lower-case)
    failures     integer not null default 0,
    locked_until real
);

-- Sign-in events waiting to be copied into the warehouse's audit log (by the next write
-- that holds the warehouse anyway), so that failed sign-ins never take its writer lock.
create table if not exists pending_audit (
    id        integer primary key autoincrement,
    at_utc    real not null,
    user_name text,
    action    text not null,
    target    text,
    detail    text not null default '{}'
);

-- What each user chose for themselves (the interface language), kept across sessions.
create table if not exists preferences (
    user_name  text primary key,
    language   text,
    updated_at real not null
);
