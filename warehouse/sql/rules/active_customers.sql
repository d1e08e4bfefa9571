-- Active customers (not churned) per scope value: the exposure of complaint rates.
with final as (
    select
        lower(trim(case $dim when 'channel' then channel when 'region' then region else '' end))
            as scope_key,
        count(*) as active
    from customers as c
    where coalesce(lower(trim(status)), '') <> 'churned'
      and
-- @include parts/scoped/viewer_scope.sql
    group by 1
)
select * from final
