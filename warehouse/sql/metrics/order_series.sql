-- Orders per period ($grain: day, week, month, quarter or year) in the request and scope.
with
-- @include parts/scoped/orders.sql
select
    date_trunc($grain, date)::date as period,
    sum(value) as orders
from scoped_orders
group by 1
order by 1
