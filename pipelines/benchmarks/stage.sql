-- Benchmarks: period (first day) + label as written, competitor, metric, value, touchpoint ('' = overall).
create or replace temp table template (
    period varchar, competitor varchar, metric varchar, value varchar, touchpoint varchar,
    source varchar, "extra:" varchar
);

create or replace table staged as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    try(cx_period(period)) as period,
    cx_text(period) as period_label,
    cx_text(competitor) as competitor,
    cx_text(metric) as metric,
    cx_num(value) as value,
    coalesce(cx_text(touchpoint), '') as touchpoint,
    cx_text(source) as source,
    cx_extra($extra_keys, [*COLUMNS('^extra:')]) as extra,
    list_filter([
        cx_err_period('period', period),
        cx_err_required('competitor', competitor),
        cx_err_required('metric', metric),
        cx_err_num('value', value, true)
    ], lambda e: e is not null) as errors,
    concat_ws('|', cast(try(cx_period(period)) as varchar), cx_text(competitor), cx_text(metric),
              coalesce(cx_text(touchpoint), '')) as _key
from src;
