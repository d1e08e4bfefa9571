-- Core schema: load lineage, the five canonical source tables, settings, users and the audit log.
-- All timestamps are UTC (TIMESTAMP without zone); the source's zone is kept in source_tz.
-- Optional key parts are '' rather than NULL so natural keys compare simply.

create table if not exists schema_version (version integer primary key, applied_at timestamp);

create sequence batch_id_seq start 1;

create table batches (
    batch_id        integer primary key,
    kind            varchar not null,        -- crm | survey | complaints | benchmarks | ops
    file_name       varchar,
    sha256          varchar,
    profile         varchar,
    user_name       varchar,
    started_at      timestamp,
    finished_at     timestamp,
    status          varchar not null,        -- loaded | undone
    rows_read       integer default 0,
    rows_loaded     integer default 0,
    rows_updated    integer default 0,
    rows_duplicate  integer default 0,
    rows_rejected   integer default 0,
    rejects_path    varchar,
    options         json,                    -- mapping, as_of, sheet, dayfirst … as used
    undone_at       timestamp,
    undone_by       varchar
);

create table rejects (
    batch_id  integer not null,
    line_no   integer,          -- 1-based line in the source file (header = its own line)
    field     varchar,
    reason    varchar not null,
    raw       varchar           -- the source row as JSON text
);

-- Before-images of rows a batch updated, so undo can restore them.
create table batch_history (
    batch_id    integer not null,
    kind        varchar not null,
    natural_key varchar not null,
    before_row  json not null
);

create table customers (
    customer_id           varchar not null,
    region                varchar,
    channel               varchar,
    segment               varchar,
    signup_date           date,
    last_active_date      date,
    orders_90d            integer,
    avg_order_value       double,
    prev_avg_order_value  double,
    lifetime_value        double,
    status                varchar,
    lifecycle_stage       varchar,
    missing               varchar[],        -- canonical fields absent in the source row
    extra                 json,             -- source columns that map to no canonical field
    batch_id              integer not null, -- batch that last wrote the row
    first_batch_id        integer not null  -- batch that inserted the row
);

create table survey_responses (
    response_id    varchar not null,
    submitted_at   timestamp not null,
    source_tz      varchar,
    customer_id    varchar,
    channel        varchar,
    region         varchar,
    touchpoint     varchar,
    segment        varchar,
    nps            integer,          -- 0..10
    csat           double,           -- raw value on its own scale
    csat_scale     integer,          -- 5 or 10
    csat_10        double,           -- on the 10-point scale (5-point ×2)
    ces            double,           -- 1..7, higher = easier
    comment        varchar,
    label          varchar,          -- a satisfaction label a source brings, kept as written
    outlier        boolean default false,
    missing        varchar[],
    extra          json,
    batch_id       integer not null,
    first_batch_id integer not null
);

-- One row per response and touchpoint: wide surveys unpivoted, and a long survey's own
-- touchpoint/csat pair. Touchpoint CSAT is computed from here.
create table survey_ratings (
    response_id  varchar not null,
    touchpoint   varchar not null,
    rating       double not null,    -- raw
    scale        integer not null,   -- 5 or 10
    rating_10    double not null,
    outlier      boolean default false,
    batch_id     integer not null
);

create table complaints (
    ticket_id            varchar not null,
    created_at           timestamp not null,
    source_tz            varchar,
    customer_id          varchar,
    channel              varchar,
    region               varchar,
    touchpoint           varchar,
    product              varchar,
    category             varchar,
    severity             varchar,
    status               varchar,
    first_response_at    timestamp,
    resolved_at          timestamp,
    escalated            boolean,
    compensation_amount  double,
    description          varchar,
    missing              varchar[],
    extra                json,
    batch_id             integer not null,
    first_batch_id       integer not null
);

create table benchmarks (
    period          date not null,     -- first day of the period
    period_label    varchar,           -- as written (2025-03, 2025Q1, …)
    competitor      varchar not null,  -- 'industry' for the industry value, 'us' for our own
    metric          varchar not null,
    value           double not null,
    touchpoint      varchar not null default '',
    source          varchar,
    extra           json,
    batch_id        integer not null,
    first_batch_id  integer not null
);

create table ops_metrics (
    date            timestamp not null,
    metric          varchar not null,
    value           double not null,
    channel         varchar not null default '',
    region          varchar not null default '',
    product         varchar not null default '',
    extra           json,
    batch_id        integer not null,
    first_batch_id  integer not null
);

-- Saved header mappings per source kind (shipped profiles live in pipelines/profiles/).
create table mapping_profiles (
    name        varchar primary key,
    kind        varchar not null,
    spec        json not null,
    created_by  varchar,
    created_at  timestamp
);

-- Admin-editable settings (language, time zone, currency, refresh, CSI weights …).
create table app_settings (
    key         varchar primary key,
    value       json not null,
    changed_by  varchar,
    changed_at  timestamp
);

create table settings_history (
    key         varchar not null,
    before      json,
    after       json,
    changed_by  varchar,
    changed_at  timestamp
);

create table users (
    name           varchar primary key,
    role           varchar not null,    -- admin | analyst | manager | dept_head
    channels       varchar[] not null default [],
    regions        varchar[] not null default [],
    password_hash  varchar not null,
    created_at     timestamp,
    disabled       boolean default false,
    failed_logins  integer default 0,
    locked_until   timestamp
);

create sequence audit_id_seq start 1;

-- Append-only: nothing in the code updates or deletes rows here.
create table audit_log (
    audit_id    bigint primary key default nextval('audit_id_seq'),
    at_utc      timestamp not null,
    user_name   varchar,
    action      varchar not null,
    target      varchar,
    detail      json
);
