-- Notification targets and routes (data, managed on Settings and by `notify`), the outbox of
-- messages with one row per (alert, event, target), where dispatch has read the alert events up
-- to, and alert assignments (work orders). Secrets never live here: addresses hold ${NAME}
-- references resolved from the environment or .streamlit/secrets.toml at send time.

create table notify_targets (
    name        varchar primary key,
    kind        varchar not null,              -- email | webhook | url
    address     varchar not null,              -- e-mail address, webhook URL or Apprise URL
    min_level   varchar not null default 'yellow',  -- yellow | red
    regions     varchar[] not null default [], -- lower-case; [] = no region filter
    channels    varchar[] not null default [],
    rules       varchar[] not null default [], -- rule ids; [] = every rule
    user_name   varchar,                       -- an account whose scope also bounds the route
    lang        varchar not null default 'en', -- en | zh
    digest      boolean not null default true, -- receives the daily digest
    enabled     boolean not null default true,
    created_by  varchar,
    created_at  timestamp not null
);

create sequence notify_outbox_id_seq start 1;

create table notify_outbox (
    outbox_id        bigint primary key default nextval('notify_outbox_id_seq'),
    dedup_key        varchar not null unique,  -- alert:<id>|<event>|<target>, digest:<day>|<target>
    target_name      varchar not null,
    kind             varchar not null,         -- opened | escalated | overdue | resolved | assigned | digest | test | report
    alert_id         bigint,
    event_id         bigint,
    title            varchar not null,
    body             varchar not null,
    attachment       varchar,                  -- a file to attach (reports)
    happened_at      timestamp not null,       -- wall time of the event (or when the clock ran out)
    created_at       timestamp not null,       -- when it was queued
    status           varchar not null,         -- pending | sending | sent | failed | cancelled
    attempts         integer not null default 0,
    next_attempt_at  timestamp not null,
    claimed_by       varchar,
    claimed_at       timestamp,
    last_error       varchar,
    sent_at          timestamp
);

create table notify_state (
    key         varchar primary key,           -- events_through | digest_day
    value       varchar not null,
    updated_at  timestamp not null
);

create sequence alert_assignment_id_seq start 1;

create table alert_assignments (
    assignment_id  bigint primary key default nextval('alert_assignment_id_seq'),
    alert_id       bigint not null,
    owner          varchar not null,           -- a user, team or notification target name
    due_at         timestamp,
    note           varchar,
    assigned_by    varchar not null,
    assigned_at    timestamp not null
);
