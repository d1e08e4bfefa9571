-- Operational metrics (long format): date, metric, value; channel/region/product '' = all.
create or replace temp table template (
    date varchar, metric varchar, value varchar, channel varchar, region varchar, product varchar,
    "extra:" varchar
);

create or replace temp table typed as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    date as v_date, value as v_value,
    cx_ts_quick(date, $tz, $tz_offset) as date,
    cx_text(metric) as metric,
    cx_num(value) as value,
    coalesce(cx_text(channel), '') as channel,
    coalesce(cx_text(region), '') as region,
    coalesce(cx_text(product), '') as product,
    cx_extra($extra_keys, [*COLUMNS('^extra:')], coalesce(*COLUMNS('^extra:'))) as extra
from src;

-- The slow date path, only for values the fast path could not read.
update typed set date = cx_ts_slow(v_date, $dayfirst, $tz)
where date is null and v_date is not null;

-- @include sql/stage_params.sql

-- Typed rows with their reject reasons; a view, evaluated where used.
create or replace temp view staged as
select
    _ord, date, metric, value, channel, region, product, extra,
    list_filter([
        cx_err_parsed('date', v_date, date, 'a date/time', true),
        case when metric is null then {'field': 'metric', 'reason': 'required value is empty'} end,
        cx_err_parsed('value', v_value, value, 'a number', true)
    ], lambda e: e is not null) as errors,
    concat_ws('|', cast(date as varchar), metric, channel, region, product) as _key
from typed, stage_params as p;
