-- Benchmarks: period (first day) + label as written, competitor, metric, value, touchpoint ('' = overall).
create or replace temp table template (
    period varchar, competitor varchar, metric varchar, value varchar, touchpoint varchar,
    source varchar, "extra:" varchar
);

create or replace temp table typed as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    period as v_period, value as v_value,
    try(cx_period(period)) as period,
    cx_text(period) as period_label,
    cx_text(competitor) as competitor,
    cx_text(metric) as metric,
    cx_num(value) as value,
    coalesce(cx_text(touchpoint), '') as touchpoint,
    cx_text(source) as source,
    cx_extra($extra_keys, [*COLUMNS('^extra:')], coalesce(*COLUMNS('^extra:'))) as extra
from src;

-- @include sql/stage_params.sql

-- Typed rows with their reject reasons; a view, evaluated where used.
create or replace temp view staged as
select
    _ord, period, period_label, competitor, metric, value, touchpoint, source, extra,
    list_filter([
        cx_err_parsed('period', v_period, period, 'a period (2025-03, 2025Q1, 2025)', true),
        case when competitor is null then {'field': 'competitor', 'reason': 'required value is empty'} end,
        case when metric is null then {'field': 'metric', 'reason': 'required value is empty'} end,
        cx_err_parsed('value', v_value, value, 'a number', true)
    ], lambda e: e is not null) as errors,
    concat_ws('|', cast(period as varchar), competitor, metric, touchpoint) as _key
from typed, stage_params as p;
