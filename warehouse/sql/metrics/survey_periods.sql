-- Survey metrics (responses, NPS, CES, negative rate, CSAT) for the current window and the one
-- before it in one scan: $start..$end spans both, $current_start splits them (null: one window).
-- The responses' own ratings are counted in the same scan as the response metrics; only wide
-- surveys' extra ratings (scoped_wide_ratings, nothing without them) are read separately and
-- added in. The sums are the ones parts/metrics/rating_aggs.sql would give over scoped_ratings.
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/ratings.sql
,
bucketed as (
    select
        *,
        $current_start is null or submitted_at >= $current_start as is_current,
        csat is not null
            and (len($touchpoints) = 0 or list_contains($touchpoints, lower(trim(touchpoint))))
            as own_rated
    from scoped_responses
),
response_part as (
    select
        is_current,
-- @include parts/metrics/response_aggs.sql
        ,
        coalesce(count_if(own_rated), 0)::bigint as own_n,
        coalesce(count_if(
            own_rated and ((csat_scale = 5 and csat >= 4) or (csat_scale = 10 and csat >= 9))
        ), 0)::bigint as own_top,
        sum(case when own_rated then csat_10 end) as own_sum,
        count(case when own_rated then csat_10 end) as own_count,
        avg(case when own_rated then csat_10 end) as own_mean
    from bucketed
    group by 1
),
wide_part as (
    select
        $current_start is null or submitted_at >= $current_start as is_current,
        count(*) as wide_n,
        coalesce(count_if(
            (scale = 5 and rating >= 4) or (scale = 10 and rating >= 9)
        ), 0)::bigint as wide_top,
        sum(rating_10) as wide_sum,
        count(rating_10) as wide_count
    from scoped_wide_ratings
    group by 1
)
select
    case when r.is_current then 'current' else 'previous' end as bucket,
    r.* exclude (is_current, own_n, own_top, own_sum, own_count, own_mean),
    r.own_n + coalesce(w.wide_n, 0) as csat_n,
    100.0 * (r.own_top + coalesce(w.wide_top, 0))
        / nullif(r.own_n + coalesce(w.wide_n, 0), 0) as csat_pct,
    case
        when coalesce(w.wide_count, 0) = 0 then r.own_mean
        else (coalesce(r.own_sum, 0) + w.wide_sum) / (r.own_count + w.wide_count)
    end as csat_mean
from response_part as r
left join wide_part as w using (is_current)
