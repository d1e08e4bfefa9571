-- CSAT top-2-box per period and scope value from the per-touchpoint ratings: 4–5 of 5, 9–10 of 10.
with rated as (
    select
        date_trunc($grain, c.submitted_at) as period_start,
        case $dim
            when 'channel' then c.channel
            when 'region' then c.region
            when 'touchpoint' then t.touchpoint
            else ''
        end as scope_value,
        (t.scale = 5 and t.rating >= 4) or (t.scale = 10 and t.rating >= 9) as top2
    from survey_ratings as t
    join survey_responses as c on c.response_id = t.response_id
    where
-- @include parts/scoped/viewer_scope.sql
),
final as (
    select
        period_start,
        lower(trim(scope_value)) as scope_key,
        min(trim(scope_value)) as scope_value,
        coalesce(count_if(top2), 0)::bigint as count,
        count(*) as n
    from rated
    where scope_value is not null and ($dim = '' or trim(scope_value) <> '')
    group by 1, 2
)
select * from final order by scope_key, period_start
