-- CSAT per period ($grain: day, week, month or quarter).
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/ratings.sql
select
    date_trunc($grain, submitted_at)::date as period,
-- @include parts/metrics/rating_aggs.sql
from scoped_ratings
group by 1
order by 1
