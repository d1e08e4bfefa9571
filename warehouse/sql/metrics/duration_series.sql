-- Response and resolution times per period ($grain).
with
-- @include parts/scoped/complaints.sql
,
-- @include parts/staging/complaint_durations.sql
select
    date_trunc($grain, created_at)::date as period,
-- @include parts/metrics/duration_aggs.sql
from complaint_durations
group by 1
order by 1
