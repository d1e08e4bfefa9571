-- provides: CTEs scoped_orders (entries of a WITH list)
-- needs: no other CTE; parameters $channels, $end, $regions, $start
-- Ops `orders` rows inside the filter request's dates, channel and region and the viewer's
-- scope (a CTE to include after `with`): the order denominator of the complaint rate.
scoped_orders as (
    select c.date, c.value, c.channel, c.region
    from ops_metrics as c
    where lower(trim(c.metric)) = 'orders'
      and ($start is null or c.date >= $start)
      and ($end is null or c.date < $end)
      and (len($channels) = 0 or list_contains($channels, lower(trim(c.channel))))
      and (len($regions) = 0 or list_contains($regions, lower(trim(c.region))))
      and
-- @include parts/scoped/viewer_scope.sql
)
