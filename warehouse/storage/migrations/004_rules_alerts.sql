-- Threshold rules as data, their change history and evaluation log, alerts with their
-- lifecycle events, and the owner/status/note kept per risk-matrix item.

create table rules (
    rule_id      varchar primary key,
    position     integer not null,       -- display order (the warehouse/docs/risk_and_alerts.md table order first)
    name_en      varchar not null,
    name_zh      varchar not null,
    kind         varchar not null,       -- static | relative_change | benchmark_gap | spc | sustained | spike
    metric       varchar not null,       -- series key, see warehouse/alerting/rules.py SERIES
    scope_dims   varchar[] not null,     -- [] = company-wide; ['channel','region'] = each separately
    grain        varchar not null,       -- day | week | month: one evaluated period
    window_label varchar not null,       -- as shown to users (24h, 48h, week, …)
    direction    varchar not null,       -- above | below: which side is bad
    yellow       double,                 -- NULL = this rule has no yellow level
    red          double,
    params       json not null,          -- kind-specific: k, run lengths, baseline periods, min_n …
    enabled      boolean not null default true,
    shipped      boolean not null default true,
    updated_by   varchar,
    updated_at   timestamp
);

create sequence rule_change_id_seq start 1;

create table rule_changes (
    change_id   bigint primary key default nextval('rule_change_id_seq'),
    rule_id     varchar not null,
    changed_by  varchar,
    changed_at  timestamp not null,
    before      json,
    after       json
);

-- How far each rule has been evaluated: periods ending at or before this are done.
create table rule_watermarks (
    rule_id            varchar primary key,
    evaluated_through  timestamp not null,
    data_signature     varchar,    -- the data and rule version last evaluated (skip if unchanged)
    evaluated_now      timestamp   -- the `now` of that run
);

create sequence rule_eval_id_seq start 1;

-- One row per rule per evaluation run (every run is logged, also when nothing breached).
create table rule_evaluations (
    eval_id        bigint primary key default nextval('rule_eval_id_seq'),
    rule_id        varchar not null,
    evaluated_at   timestamp not null,
    evaluated_by   varchar,
    periods_from   timestamp,
    periods_to     timestamp,
    scopes         integer,
    points         integer,
    breaches       integer,
    opened         integer,
    escalated      integer,
    resolved       integer,
    status         varchar not null,     -- ok | no_data | unchanged | error
    message        varchar,
    latest         json                  -- per scope: last period, value, limit, level
);

create sequence alert_id_seq start 1;

create table alerts (
    alert_id         bigint primary key default nextval('alert_id_seq'),
    rule_id          varchar not null,
    scope            varchar not null,   -- 'all' or 'dim=value'
    scope_dim        varchar,
    scope_value      varchar,            -- as written in the data
    scope_channel    varchar,            -- lower-case; set when the scope is one channel
    scope_region     varchar,            -- lower-case; set when the scope is one region
    level            varchar not null,   -- yellow | red (the highest reached while open)
    state            varchar not null,   -- firing | acknowledged | resolved
    value            double,             -- the latest breaching value
    limit_value      double,             -- the limit the latest breaching value crossed
    peak_value       double,
    baseline_value   double,             -- pre-incident level (mean of the periods before)
    baseline_sd      double,             -- spread of those periods (recovery tolerance)
    metric_value     double,             -- the underlying metric in the latest period
    period_start     timestamp,          -- the first breaching period
    last_breach_at   timestamp,          -- end of the latest breaching period
    opened_at        timestamp not null, -- end of the first breaching period (data time)
    acknowledged_by  varchar,
    acknowledged_at  timestamp,
    ack_note         varchar,
    resolved_at      timestamp,
    inside_periods   integer not null default 0,
    response_level   varchar not null,   -- I | II | III | IV
    due_at           timestamp,
    clocks           json,               -- [{task, due_at}] of the response level
    phase            varchar not null,   -- outbreak | decline | (after resolving) resolved
    recovered        boolean,            -- after resolving: back to the pre-incident baseline?
    recovery_value   double,
    created_at       timestamp not null  -- wall-clock time the engine opened it
);

create sequence alert_event_id_seq start 1;

create table alert_events (
    event_id   bigint primary key default nextval('alert_event_id_seq'),
    alert_id   bigint not null,
    event_at   timestamp not null,       -- data time of the period for engine events, wall time for people
    event      varchar not null,         -- opened | escalated | phase | acknowledged | resolved | recovered
    user_name  varchar,
    from_state varchar,
    to_state   varchar,
    level      varchar,
    value      double,
    note       varchar,
    recorded_at timestamp not null
);

create table risk_items (
    item_id     varchar primary key,     -- e.g. touchpoint:delivery, category:slow refund
    owner       varchar,
    status      varchar not null,        -- open | in_progress | mitigated | accepted
    note        varchar,
    updated_by  varchar,
    updated_at  timestamp
);

create sequence risk_item_change_id_seq start 1;

create table risk_item_changes (
    change_id   bigint primary key default nextval('risk_item_change_id_seq'),
    item_id     varchar not null,
    changed_by  varchar,
    changed_at  timestamp not null,
    before      json,
    after       json
);

-- The shipped defaults: the warehouse/docs/risk_and_alerts.md table row by row (positions 1–14), then the SPC charts on
-- key series. yellow/red mean: a value (static), a % change or an absolute change
-- (relative_change), a % gap (benchmark_gap), k in σ (spc), a run length in periods
-- (sustained) or a multiplier (spike). Rule semantics: warehouse/docs/risk_and_alerts.md.
insert into rules (rule_id, position, name_en, name_zh, kind, metric, scope_dims, grain,
                   window_label, direction, yellow, red, params, enabled, shipped)
values
    ('complaints_per_product_24h', 1, 'Complaints about one product within 24 h',
     '单一产品24小时投诉量', 'static', 'complaints', ['product'], 'day', '24h', 'above',
     5, 20, '{}', true, true),
    ('return_rate_per_product_24h', 2, 'Return rate of one product (24 h)',
     '单一产品退货率（24小时）', 'static', 'return_rate_pct', ['product'], 'day', '24h', 'above',
     3, 10, '{}', true, true),
    ('answer_time_service_channels', 3, 'Average answer time in service channels (minutes)',
     '服务渠道平均接听时长（分钟）', 'static', 'avg_answer_minutes', ['channel'], 'day', 'day',
     'above', 5, 10, '{}', true, true),
    ('csat_top2', 4, 'CSAT (top-2-box, %)', '满意度（前两项占比，%）', 'static', 'csat_top2_pct',
     ['channel', 'region', 'touchpoint'], 'week', 'week', 'below', 60, 40,
     '{"min_n": 30}', true, true),
    ('negative_mentions_per_day', 5, 'Negative mentions per day (public opinion)',
     '每日负面舆情提及量', 'static', 'negative_mentions', [], 'day', 'day', 'above',
     null, 1000, '{}', true, true),
    ('negative_review_rate_change', 6, 'Negative-review rate of a channel vs previous period (%)',
     '渠道差评率环比变化（%）', 'relative_change', 'negative_rate_pct', ['channel'], 'week', 'week',
     'above', 20, 50, '{"min_n": 100, "min_z": 3.0, "prior_periods": 4}', true, true),
    ('frt_vs_industry', 7, 'First response time vs industry benchmark (% slower)',
     '首次响应时长对比行业基准（慢于%）', 'benchmark_gap', 'frt_median_minutes', [], 'month',
     'month', 'above', 30, 60, '{"reference": "industry", "min_n": 30}', true, true),
    ('negative_mentions_spike_48h', 8, 'Negative mentions within 48 h vs prior 48 h (×)',
     '48小时负面提及量对比前48小时（倍）', 'spike', 'negative_mentions', [], 'day', '48h', 'above',
     3, 5, '{"window_periods": 2, "min_prior": 50}', true, true),
    ('third_party_rating_drop', 9, 'Third-party rating drop (stars)', '第三方评分下降（星）',
     'relative_change', 'rating_stars', [], 'month', 'month', 'below', null, 1,
     '{"change": "absolute", "inclusive": true}', true, true),
    ('composite_index', 10, 'Composite satisfaction index (CSI)', '综合满意度指数（CSI）',
     'static', 'csi', [], 'month', 'month', 'below', 80, 70, '{}', true, true),
    ('complaint_rate', 11, 'Complaint rate (% of orders, else of active customers)',
     '投诉率（占订单%，无订单时占活跃客户%）', 'static', 'complaint_rate_pct', [], 'week', 'week',
     'above', 5, 10, '{}', true, true),
    ('below_baseline', 12, 'A metric below its baseline by 20 % (periods in a row)',
     '指标低于基线20%（连续期数）', 'sustained', 'csat_top2_pct', ['touchpoint'], 'week', 'week',
     'below', 2, 3,
     '{"mode": "below_baseline", "pct": 20, "baseline_periods": 8, "baseline_lag": 8, "min_n": 30, "clear_periods": 2}',
     true, true),
    ('fcr_falling', 13, 'First-contact resolution rate falling (periods in a row)',
     '首次解决率连续下降（期数）', 'sustained', 'fcr_pct', [], 'month', 'month', 'below', 3, 5,
     '{"mode": "falling", "min_n": 30}', true, true),
    ('kpi_vs_industry', 14, 'KPI vs industry mean (SPC on benchmark, σ)',
     '关键指标对比行业均值（基准SPC，σ）', 'spc', 'benchmark_kpi', ['touchpoint'], 'month', 'month',
     'below', 1.5, 3, '{"chart": "i", "baseline_periods": 12, "min_baseline": 8, "min_n": 30, "players": ["industry"]}',
     true, true),
    ('spc_complaints_per_region', 15, 'Complaints per 1,000 active customers by region (u-chart, σ)',
     '各区域每千名活跃客户投诉数（u控制图，σ）', 'spc', 'complaints_per_1000', ['region'], 'week',
     'week', 'above', 1.5, 3, '{"chart": "u", "scale": 1000, "baseline_periods": 12, "min_expected": 20}', true, true),
    ('spc_negative_rate_per_channel', 16, 'Negative-review rate by channel (p-chart, σ)',
     '各渠道差评率（p控制图，σ）', 'spc', 'negative_rate_pct', ['channel'], 'week', 'week',
     'above', 1.5, 3, '{"chart": "p", "scale": 100, "baseline_periods": 12, "min_n": 30, "min_expected": 20}',
     true, true),
    ('competitor_gap', 17, 'Gap to the best competitor (CSAT, % behind)', '与最佳竞争对手的差距（满意度，落后%）',
     'benchmark_gap', 'competitor_gap', ['touchpoint'], 'month', 'month', 'below', 15, 30,
     '{"metrics": ["csat"], "min_n": 30}', true, true);
