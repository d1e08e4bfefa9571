-- Complaints: the source's text columns (named by the mapping) → typed columns in the table's
-- order, per-field reject reasons in `errors`, and the natural key in `_key`.
create or replace temp table template (
    ticket_id varchar, created_at varchar, customer_id varchar, channel varchar, region varchar,
    touchpoint varchar, product varchar, category varchar, severity varchar, status varchar,
    first_response_at varchar, resolved_at varchar, escalated varchar, compensation_amount varchar,
    description varchar, "extra:" varchar
);

create or replace table staged as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    cx_text(ticket_id) as ticket_id,
    cx_ts(created_at, $dayfirst, $tz) as created_at,
    $tz as source_tz,
    cx_text(customer_id) as customer_id,
    cx_text(channel) as channel,
    cx_text(region) as region,
    cx_text(touchpoint) as touchpoint,
    cx_text(product) as product,
    cx_text(category) as category,
    cx_text(severity) as severity,
    cx_text(status) as status,
    cx_ts(first_response_at, $dayfirst, $tz) as first_response_at,
    cx_ts(resolved_at, $dayfirst, $tz) as resolved_at,
    cx_bool(escalated) as escalated,
    cx_num(compensation_amount) as compensation_amount,
    description,
    list_filter([
        case when cx_text(customer_id) is null then 'customer_id' end,
        case when cx_text(channel) is null then 'channel' end,
        case when cx_text(region) is null then 'region' end,
        case when cx_text(touchpoint) is null then 'touchpoint' end,
        case when cx_text(product) is null then 'product' end,
        case when cx_text(category) is null then 'category' end,
        case when cx_text(severity) is null then 'severity' end,
        case when cx_text(status) is null then 'status' end,
        case when cx_missing(first_response_at) then 'first_response_at' end,
        case when cx_missing(resolved_at) then 'resolved_at' end,
        case when cx_missing(escalated) then 'escalated' end,
        case when cx_missing(compensation_amount) then 'compensation_amount' end,
        case when cx_text(description) is null then 'description' end
    ], lambda f: f is not null and list_contains($mapped, f)) as missing,
    cx_extra($extra_keys, [*COLUMNS('^extra:')]) as extra,
    list_filter([
        cx_err_required('ticket_id', ticket_id),
        cx_err_ts('created_at', created_at, $dayfirst, true),
        cx_err_ts('first_response_at', first_response_at, $dayfirst, false),
        cx_err_ts('resolved_at', resolved_at, $dayfirst, false),
        cx_err_bool('escalated', escalated),
        cx_err_num('compensation_amount', compensation_amount, false)
    ], lambda e: e is not null) as errors,
    cx_text(ticket_id) as _key
from src;
