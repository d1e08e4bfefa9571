-- Our NPS and CSAT top-2-box per period and touchpoint, to compare with benchmark values.
with nps as (
    select
        date_trunc($grain, submitted_at) as period_start,
        lower(trim(touchpoint)) as touchpoint,
        100.0 * (coalesce(count_if(nps >= 9), 0)::bigint - coalesce(count_if(nps <= 6), 0)::bigint)
            / nullif(count(nps), 0) as nps,
        count(nps) as nps_n
    from survey_responses as c
    where touchpoint is not null and trim(touchpoint) <> ''
      and
-- @include parts/scoped/viewer_scope.sql
    group by 1, 2
),
csat as (
    select
        date_trunc($grain, c.submitted_at) as period_start,
        lower(trim(t.touchpoint)) as touchpoint,
        100.0 * coalesce(count_if((t.scale = 5 and t.rating >= 4) or (t.scale = 10 and t.rating >= 9)), 0)::bigint
            / count(*) as csat,
        avg(t.rating_10) / 2 as csat_mean_5,
        count(*) as csat_n
    from survey_ratings as t
    join survey_responses as c on c.response_id = t.response_id
    where
-- @include parts/scoped/viewer_scope.sql
    group by 1, 2
),
final as (
    select
        coalesce(c.period_start, p.period_start) as period_start,
        coalesce(c.touchpoint, p.touchpoint) as touchpoint,
        p.nps, p.nps_n, c.csat, c.csat_mean_5, c.csat_n
    from csat as c
    full outer join nps as p on p.period_start = c.period_start and p.touchpoint = c.touchpoint
)
select * from final order by touchpoint, period_start
