-- Survey responses: text columns → typed columns in the table's order, reject reasons, natural key.
-- Without a date column every response takes --as-of ($as_of); scales come from the profile or
-- were detected from the file ($csat_scale).
create or replace temp table template (
    response_id varchar, submitted_at varchar, customer_id varchar, channel varchar, region varchar,
    touchpoint varchar, segment varchar, nps varchar, csat varchar, ces varchar, comment varchar,
    label varchar, "extra:" varchar
);

create or replace temp table typed as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    coalesce(submitted_at, $as_of) as v_submitted_at, nps as v_nps, csat as v_csat, ces as v_ces,
    cx_text(response_id) as response_id,
    cx_ts_quick(coalesce(submitted_at, $as_of), $tz, $tz_offset) as submitted_at,
    cx_text(customer_id) as customer_id,
    cx_text(channel) as channel,
    cx_text(region) as region,
    cx_text(touchpoint) as touchpoint,
    cx_text(segment) as segment,
    cx_num(nps) as nps_value,
    cx_num(csat) as csat,
    cx_num(ces) as ces,
    comment,
    cx_text(label) as label,
    cx_extra($extra_keys, [*COLUMNS('^extra:')], coalesce(*COLUMNS('^extra:'))) as extra
from src;

-- The slow date path, only for values the fast path could not read.
update typed set submitted_at = cx_ts_slow(v_submitted_at, $dayfirst, $tz)
where submitted_at is null and v_submitted_at is not null;

-- @include sql/stage_params.sql

-- Typed rows with their reject reasons; a view, evaluated where used.
create or replace temp view staged as
select
    _ord, response_id, submitted_at, cx_source_tz(v_submitted_at, p.tz) as source_tz, customer_id, channel, region, touchpoint, segment,
    case when nps_value = floor(nps_value) then cast(nps_value as integer) end as nps,
    csat,
    case when csat is not null then cast(p.csat_scale as integer) end as csat_scale,
    csat * 10.0 / p.csat_scale as csat_10,
    ces, comment, label,
    false as outlier,
    list_filter([
        case when customer_id is null then 'customer_id' end,
        case when channel is null then 'channel' end,
        case when region is null then 'region' end,
        case when touchpoint is null then 'touchpoint' end,
        case when segment is null then 'segment' end,
        case when cx_missing(v_nps) then 'nps' end,
        case when cx_missing(v_csat) then 'csat' end,
        case when cx_missing(v_ces) then 'ces' end,
        case when cx_text(comment) is null then 'comment' end,
        case when label is null then 'label' end
    ], lambda f: f is not null and list_contains(p.mapped, f)) as missing,
    extra,
    list_filter([
        case when response_id is null then {'field': 'response_id', 'reason': 'required value is empty'} end,
        cx_err_parsed('submitted_at', v_submitted_at, submitted_at, 'a date/time', true),
        cx_err_range('nps', v_nps, nps_value, 0, 10),
        case when nps_value between 0 and 10 and nps_value <> floor(nps_value)
            then {'field': 'nps', 'reason': 'not a whole number: ' || trim(v_nps)} end,
        cx_err_range('csat', v_csat, csat, 1, p.csat_scale),
        cx_err_range('ces', v_ces, ces, 1, 7)
    ], lambda e: e is not null) as errors,
    response_id as _key
from typed, stage_params as p;
