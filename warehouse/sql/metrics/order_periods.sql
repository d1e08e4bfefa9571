-- Orders and the days they and the complaints cover, for the current window and the one before
-- it ($current_start splits $start..$end; null: one window). The caller picks the rate basis.
with
-- @include scoped/orders.sql
,
-- @include scoped/complaints.sql
,
order_part as (
    select
        case when $current_start is null or date >= $current_start
            then 'current' else 'previous' end as bucket,
        sum(value) as orders,
        min(date)::date as orders_first,
        max(date)::date as orders_last
    from scoped_orders
    group by 1
),
complaint_part as (
    select
        case when $current_start is null or created_at >= $current_start
            then 'current' else 'previous' end as bucket,
        min(created_at)::date as complaints_first,
        max(created_at)::date as complaints_last
    from scoped_complaints
    group by 1
)
select *
from order_part
full outer join complaint_part using (bucket)
