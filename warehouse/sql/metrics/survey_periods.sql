-- Survey metrics (responses, NPS, CES, negative rate, CSAT) for the current window and the one
-- before it in one scan: $start..$end spans both, $current_start splits them (null: one window).
with
-- @include scoped/responses.sql
,
-- @include scoped/ratings.sql
,
response_part as (
    select
        case when $current_start is null or submitted_at >= $current_start
            then 'current' else 'previous' end as bucket,
-- @include metrics/response_aggs.sql
    from scoped_responses
    group by 1
),
rating_part as (
    select
        case when $current_start is null or submitted_at >= $current_start
            then 'current' else 'previous' end as bucket,
-- @include metrics/rating_aggs.sql
    from scoped_ratings
    group by 1
)
select *
from response_part
full outer join rating_part using (bucket)
