-- CRM customers: text columns → typed columns in the table's order, reject reasons, natural key.
-- `status` values may be recoded by the profile (e.g. Churn Yes → churned).
create or replace temp table template (
    customer_id varchar, region varchar, channel varchar, segment varchar, signup_date varchar,
    last_active_date varchar, orders_90d varchar, avg_order_value varchar, prev_avg_order_value varchar,
    lifetime_value varchar, status varchar, lifecycle_stage varchar, "extra:" varchar
);

create or replace temp table typed as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    signup_date as v_signup_date, last_active_date as v_last_active_date, orders_90d as v_orders_90d,
    avg_order_value as v_avg_order_value, prev_avg_order_value as v_prev_avg_order_value,
    lifetime_value as v_lifetime_value,
    cx_text(customer_id) as customer_id,
    cx_text(region) as region,
    cx_text(channel) as channel,
    cx_text(segment) as segment,
    cx_date_quick(signup_date) as signup_date,
    cx_date_quick(last_active_date) as last_active_date,
    cx_int(orders_90d) as orders_90d,
    cx_num(avg_order_value) as avg_order_value,
    cx_num(prev_avg_order_value) as prev_avg_order_value,
    cx_num(lifetime_value) as lifetime_value,
    coalesce(list_extract($status_to, list_position($status_from, cx_text(status))), cx_text(status)) as status,
    cx_text(lifecycle_stage) as lifecycle_stage,
    cx_extra($extra_keys, [*COLUMNS('^extra:')], coalesce(*COLUMNS('^extra:'))) as extra
from src;

-- The slow date path, only for values the fast path could not read.
update typed set signup_date = cx_date(v_signup_date, $dayfirst)
where signup_date is null and v_signup_date is not null;

update typed set last_active_date = cx_date(v_last_active_date, $dayfirst)
where last_active_date is null and v_last_active_date is not null;

-- @include sql/stage_params.sql

-- Typed rows with their reject reasons; a view, evaluated where used.
create or replace temp view staged as
select
    _ord, customer_id, region, channel, segment, signup_date, last_active_date, orders_90d,
    avg_order_value, prev_avg_order_value, lifetime_value, status, lifecycle_stage,
    list_filter([
        case when region is null then 'region' end,
        case when channel is null then 'channel' end,
        case when segment is null then 'segment' end,
        case when cx_missing(v_signup_date) then 'signup_date' end,
        case when cx_missing(v_last_active_date) then 'last_active_date' end,
        case when cx_missing(v_orders_90d) then 'orders_90d' end,
        case when cx_missing(v_avg_order_value) then 'avg_order_value' end,
        case when cx_missing(v_prev_avg_order_value) then 'prev_avg_order_value' end,
        case when cx_missing(v_lifetime_value) then 'lifetime_value' end,
        case when status is null then 'status' end,
        case when lifecycle_stage is null then 'lifecycle_stage' end
    ], lambda f: f is not null and list_contains(p.mapped, f)) as missing,
    extra,
    list_filter([
        case when customer_id is null then {'field': 'customer_id', 'reason': 'required value is empty'} end,
        cx_err_parsed('signup_date', v_signup_date, signup_date, 'a date', false),
        cx_err_parsed('last_active_date', v_last_active_date, last_active_date, 'a date', false),
        cx_err_parsed('orders_90d', v_orders_90d, orders_90d, 'a whole number', false),
        cx_err_parsed('avg_order_value', v_avg_order_value, avg_order_value, 'a number', false),
        cx_err_parsed('prev_avg_order_value', v_prev_avg_order_value, prev_avg_order_value, 'a number', false),
        cx_err_parsed('lifetime_value', v_lifetime_value, lifetime_value, 'a number', false)
    ], lambda e: e is not null) as errors,
    customer_id as _key
from typed, stage_params as p;
