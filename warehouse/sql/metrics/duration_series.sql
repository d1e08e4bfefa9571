-- Response and resolution times per period ($grain).
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_durations.sql
select
    date_trunc($grain, created_at)::date as period,
-- @include metrics/duration_aggs.sql
from complaint_durations
group by 1
order by 1
