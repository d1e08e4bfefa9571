-- Repeat-complaint rate per period ($grain: day, week, month or quarter).
with
-- @include parts/scoped/complaints_history.sql
,
-- @include parts/staging/repeat_flags.sql
select
    date_trunc($grain, created_at)::date as period,
-- @include parts/metrics/repeat_aggs.sql
from repeat_flags
group by 1
order by 1
