-- Survey responses: text columns → typed columns in the table's order, reject reasons, natural key.
-- Without a date column every response takes --as-of ($as_of); scales come from the profile or
-- were detected from the file ($csat_scale).
create or replace temp table template (
    response_id varchar, submitted_at varchar, customer_id varchar, channel varchar, region varchar,
    touchpoint varchar, segment varchar, nps varchar, csat varchar, ces varchar, comment varchar,
    label varchar, "extra:" varchar
);

create or replace table staged as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    cx_text(response_id) as response_id,
    cx_ts(coalesce(submitted_at, $as_of), $dayfirst, $tz) as submitted_at,
    $tz as source_tz,
    cx_text(customer_id) as customer_id,
    cx_text(channel) as channel,
    cx_text(region) as region,
    cx_text(touchpoint) as touchpoint,
    cx_text(segment) as segment,
    cx_int(nps) as nps,
    cx_num(csat) as csat,
    case when cx_num(csat) is not null then cast($csat_scale as integer) end as csat_scale,
    cx_num(csat) * 10.0 / $csat_scale as csat_10,
    cx_num(ces) as ces,
    comment,
    cx_text(label) as label,
    false as outlier,
    list_filter([
        case when cx_text(customer_id) is null then 'customer_id' end,
        case when cx_text(channel) is null then 'channel' end,
        case when cx_text(region) is null then 'region' end,
        case when cx_text(touchpoint) is null then 'touchpoint' end,
        case when cx_text(segment) is null then 'segment' end,
        case when cx_missing(nps) then 'nps' end,
        case when cx_missing(csat) then 'csat' end,
        case when cx_missing(ces) then 'ces' end,
        case when cx_text(comment) is null then 'comment' end,
        case when cx_text(label) is null then 'label' end
    ], lambda f: f is not null and list_contains($mapped, f)) as missing,
    cx_extra($extra_keys, [*COLUMNS('^extra:')]) as extra,
    list_filter([
        cx_err_required('response_id', response_id),
        cx_err_ts('submitted_at', coalesce(submitted_at, $as_of), $dayfirst, true),
        cx_err_score('nps', nps, 0, 10),
        case when cx_num(nps) between 0 and 10 and cx_int(nps) is null
            then {'field': 'nps', 'reason': 'not a whole number: ' || trim(nps)} end,
        cx_err_score('csat', csat, 1, $csat_scale),
        cx_err_score('ces', ces, 1, 7)
    ], lambda e: e is not null) as errors,
    cx_text(response_id) as _key
from src;
