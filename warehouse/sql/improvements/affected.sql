-- The complaints an improvement item is about, inside its scope (bound as the viewer's scope)
-- and its category/touchpoint/product: in its window [$window_start, $end) the complaints and
-- the customers who made them; per calendar month before the window, the complaints (the
-- baseline months, from $start).
with
-- @include parts/scoped/complaints.sql
,
selected as (
    select created_at, customer_id
    from scoped_complaints
    where ($product = '' or lower(trim(product)) = $product)
)
select 'window' as part, null::timestamp as month, count(*)::bigint as complaints,
       count(distinct customer_id)::bigint as customers
from selected
where created_at >= $window_start
union all
select 'baseline' as part, date_trunc('month', created_at)::timestamp as month,
       count(*)::bigint as complaints, null::bigint as customers
from selected
where created_at < $window_start
group by 2
