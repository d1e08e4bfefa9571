-- CRM customers: text columns → typed columns in the table's order, reject reasons, natural key.
-- `status` values may be recoded by the profile (e.g. Churn Yes → churned).
create or replace temp table template (
    customer_id varchar, region varchar, channel varchar, segment varchar, signup_date varchar,
    last_active_date varchar, orders_90d varchar, avg_order_value varchar, prev_avg_order_value varchar,
    lifetime_value varchar, status varchar, lifecycle_stage varchar, "extra:" varchar
);

create or replace table staged as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    cx_text(customer_id) as customer_id,
    cx_text(region) as region,
    cx_text(channel) as channel,
    cx_text(segment) as segment,
    cx_date(signup_date, $dayfirst) as signup_date,
    cx_date(last_active_date, $dayfirst) as last_active_date,
    cx_int(orders_90d) as orders_90d,
    cx_num(avg_order_value) as avg_order_value,
    cx_num(prev_avg_order_value) as prev_avg_order_value,
    cx_num(lifetime_value) as lifetime_value,
    coalesce(list_extract($status_to, list_position($status_from, cx_text(status))), cx_text(status)) as status,
    cx_text(lifecycle_stage) as lifecycle_stage,
    list_filter([
        case when cx_text(region) is null then 'region' end,
        case when cx_text(channel) is null then 'channel' end,
        case when cx_text(segment) is null then 'segment' end,
        case when cx_missing(signup_date) then 'signup_date' end,
        case when cx_missing(last_active_date) then 'last_active_date' end,
        case when cx_missing(orders_90d) then 'orders_90d' end,
        case when cx_missing(avg_order_value) then 'avg_order_value' end,
        case when cx_missing(prev_avg_order_value) then 'prev_avg_order_value' end,
        case when cx_missing(lifetime_value) then 'lifetime_value' end,
        case when cx_text(status) is null then 'status' end,
        case when cx_text(lifecycle_stage) is null then 'lifecycle_stage' end
    ], lambda f: f is not null and list_contains($mapped, f)) as missing,
    cx_extra($extra_keys, [*COLUMNS('^extra:')]) as extra,
    list_filter([
        cx_err_required('customer_id', customer_id),
        cx_err_ts('signup_date', signup_date, $dayfirst, false),
        cx_err_ts('last_active_date', last_active_date, $dayfirst, false),
        cx_err_int('orders_90d', orders_90d),
        cx_err_num('avg_order_value', avg_order_value, false),
        cx_err_num('prev_avg_order_value', prev_avg_order_value, false),
        cx_err_num('lifetime_value', lifetime_value, false)
    ], lambda e: e is not null) as errors,
    cx_text(customer_id) as _key
from src;
