-- Orders and the days they and the complaints cover, for the current window and the one before
-- it ($current_start splits $start..$end; null: one window; a true/false key while grouping is
-- cheaper than the bucket's name). The caller picks the rate basis. $with_complaints false: the
-- caller has the complaints' first and last days already (metrics/complaint_periods.sql).
with
-- @include parts/scoped/orders.sql
,
-- @include parts/scoped/complaints.sql
,
-- @when with_complaints
complaint_part as (
    select
        $current_start is null or created_at >= $current_start as is_current,
        min(created_at)::date as complaints_first,
        max(created_at)::date as complaints_last
    from scoped_complaints
    group by 1
),
-- @end
order_part as (
    select
        $current_start is null or date >= $current_start as is_current,
        sum(value) as orders,
        min(date)::date as orders_first,
        max(date)::date as orders_last
    from scoped_orders
    group by 1
)
select
    case when is_current then 'current' else 'previous' end as bucket,
    * exclude (is_current)
from order_part
-- @when with_complaints
full outer join complaint_part using (is_current)
-- @end
