-- Orders per heatmap column ($by: channel, region or week; keys lower-case) in the request and
-- scope. Orders carry no touchpoint: every touchpoint of a column shares its orders.
with
-- @include parts/scoped/orders.sql
select
    case $by
        when 'channel' then lower(trim(channel))
        when 'region' then lower(trim(region))
        else strftime(date_trunc('week', date), '%Y-%m-%d')
    end as col_key,
    sum(value) as orders
from scoped_orders
group by 1
