-- Customers who have not churned, per lifetime-value tier (high > $tier_high, mid > $tier_low,
-- low otherwise, unknown without a value).
with
-- @include parts/scoped/customers.sql
,
tiers as (
    select
        case
            when lifetime_value is null then 'unknown'
            when lifetime_value > $tier_high then 'high'
            when lifetime_value > $tier_low then 'mid'
            else 'low'
        end as tier,
        lifetime_value
    from scoped_customers
    where coalesce(lower(trim(status)), '') <> 'churned'
)
select tier, count(*) as customers, sum(lifetime_value) as lifetime_value
from tiers
group by tier
order by case tier when 'high' then 1 when 'mid' then 2 when 'low' then 3 else 4 end
