-- Operational metrics (long format): date, metric, value; channel/region/product '' = all.
create or replace temp table template (
    date varchar, metric varchar, value varchar, channel varchar, region varchar, product varchar,
    "extra:" varchar
);

create or replace table staged as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    cx_ts(date, $dayfirst, $tz) as date,
    cx_text(metric) as metric,
    cx_num(value) as value,
    coalesce(cx_text(channel), '') as channel,
    coalesce(cx_text(region), '') as region,
    coalesce(cx_text(product), '') as product,
    cx_extra($extra_keys, [*COLUMNS('^extra:')]) as extra,
    list_filter([
        cx_err_ts('date', date, $dayfirst, true),
        cx_err_required('metric', metric),
        cx_err_num('value', value, true)
    ], lambda e: e is not null) as errors,
    concat_ws('|', cast(cx_ts(date, $dayfirst, $tz) as varchar), cx_text(metric),
              coalesce(cx_text(channel), ''), coalesce(cx_text(region), ''),
              coalesce(cx_text(product), '')) as _key
from src;
