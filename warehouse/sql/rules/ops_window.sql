-- One operational metric per scope value over the days inside the rolling window ($from, $to]
-- (rows are dated by day: a day counts when it starts inside the window, so "24 h" is today so
-- far), on the rows of the audience's scope; metric_max tells whether the export writes the
-- metric as fractions (see rule_series._ops).
with picked as (
    select
        case $dim
            when 'product' then c.product
            when 'channel' then c.channel
            when 'region' then c.region
            else ''
        end as scope_value,
        c.value
    from ops_metrics as c
    where lower(trim(c.metric)) = $metric
      and c.date > $from
      and c.date <= $to
      and
-- @include parts/scoped/viewer_scope.sql
),
final as (
    select
        lower(trim(scope_value)) as scope_key,
        min(trim(scope_value)) as scope_value,
        sum(value) as total,
        avg(value) as mean,
        count(*) as rows,
        (select max(value) from ops_metrics where lower(trim(metric)) = $metric) as metric_max
    from picked
    where $dim = '' or trim(scope_value) <> ''
    group by 1
)
select * from final order by scope_key
