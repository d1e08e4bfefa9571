-- Negative reviews per period and scope value: detractors (NPS 0–6) or CSAT 2 or less of 5
-- (csat_10 <= 4), over the responses that carry an NPS or a CSAT.
with judged as (
    select
        date_trunc($grain, submitted_at) as period_start,
        case $dim
            when 'channel' then channel
            when 'region' then region
            when 'touchpoint' then touchpoint
            else ''
        end as scope_value,
        nps <= 6 or csat_10 <= 4 as negative
    from survey_responses as c
    where (nps is not null or csat_10 is not null)
      and
-- @include parts/scoped/viewer_scope.sql
),
final as (
    select
        period_start,
        lower(trim(scope_value)) as scope_key,
        min(trim(scope_value)) as scope_value,
        coalesce(count_if(negative), 0)::bigint as count,
        count(*) as n
    from judged
    where scope_value is not null and ($dim = '' or trim(scope_value) <> '')
    group by 1, 2
)
select * from final order by scope_key, period_start
