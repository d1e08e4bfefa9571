-- Survey response metrics per period ($grain: day, week, month or quarter).
with
-- @include parts/scoped/responses.sql
select
    date_trunc($grain, submitted_at)::date as period,
-- @include parts/metrics/response_aggs.sql
from scoped_responses
group by 1
order by 1
