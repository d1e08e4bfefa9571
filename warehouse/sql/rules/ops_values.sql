-- One operational metric per period and scope value: the sum and the mean of its rows (rows
-- of the audience's scope when $scoped).
with picked as (
    select
        date_trunc($grain, date) as period_start,
        case $dim
            when 'product' then product
            when 'channel' then channel
            when 'region' then region
            else ''
        end as scope_value,
        value
    from ops_metrics as c
    where lower(trim(c.metric)) = $metric
      and
-- @include parts/scoped/viewer_scope.sql
),
final as (
    select
        period_start,
        lower(trim(scope_value)) as scope_key,
        min(trim(scope_value)) as scope_value,
        sum(value) as total,
        avg(value) as mean,
        count(*) as rows
    from picked
    where $dim = '' or trim(scope_value) <> ''
    group by 1, 2
)
select * from final order by scope_key, period_start
