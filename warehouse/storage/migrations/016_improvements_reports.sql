-- The improvement list the quarterly risk review ends with (items with owner, due date, status
-- and their change history) and the quarterly reports generated so far, each kept with the
-- data version it was built from.

create sequence if not exists improvement_id_seq start 1;

create table if not exists improvements (
    item_id             bigint primary key default nextval('improvement_id_seq'),
    title               varchar not null,
    source_kind         varchar not null,   -- category | risk_item | alert | manual
    source_ref          varchar,            -- the category, risk item id or alert id
    -- whose item it is: lower-case channels and regions ([] and [] = the whole company); the
    -- affected figures count inside it, and a department head sees items inside their scope
    scope_channels      varchar[] not null,
    scope_regions       varchar[] not null,
    category            varchar,            -- what the affected figures count (null = any)
    touchpoint          varchar,
    product             varchar,
    window_start        date not null,      -- the days the affected figures count (inclusive)
    window_end          date not null,
    affected_customers  bigint,             -- computed: customers who complained in the window
    complaints          bigint,             -- computed: complaints in the window
    current_per_month   double,             -- computed: the window's complaints per month
    baseline_per_month  double,             -- computed: median month of the months before
    gain_computed       double,             -- computed: current - baseline (complaints/month)
    expected_gain       double,             -- shown and editable; starts as gain_computed
    computed_at         timestamp,
    owner               varchar,
    due_date            date,
    status              varchar not null,   -- open | in_progress | done | dropped
    note                varchar,
    created_by          varchar not null,
    created_at          timestamp not null,
    updated_by          varchar not null,
    updated_at          timestamp not null
);

create sequence if not exists improvement_change_id_seq start 1;

create table if not exists improvement_changes (
    change_id   bigint primary key default nextval('improvement_change_id_seq'),
    item_id     bigint not null,
    changed_by  varchar,
    changed_at  timestamp not null,
    before      json,                       -- null when the item was created
    after       json
);

create sequence if not exists report_id_seq start 1;

create table if not exists reports (
    report_id       bigint primary key default nextval('report_id_seq'),
    quarter         varchar not null,       -- e.g. 2026Q3
    scope_user      varchar,                -- the department head whose scope it holds; null = company
    scope_channels  varchar[] not null,
    scope_regions   varchar[] not null,
    lang            varchar not null,       -- en | zh
    fmt             varchar not null,       -- pdf | xlsx
    data_version    varchar not null,       -- warehouse.kpi.catalog.data_version at generation
    data_as_of      timestamp,
    has_data        boolean not null,
    generated_by    varchar not null,
    generated_at    timestamp not null,
    seconds         double,
    timings         json,                   -- seconds per section
    filename        varchar not null,
    size_bytes      bigint not null,
    sha256          varchar not null,
    content         blob not null
);
