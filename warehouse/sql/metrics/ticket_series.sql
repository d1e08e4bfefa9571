-- Complaints per period ($grain: day, week, month or quarter): the count alone, for the
-- complaints and complaint-rate series (metrics/complaint_series.sql has every complaint metric).
with
-- @include parts/scoped/complaints.sql
select
    date_trunc($grain, created_at)::date as period,
    count(*) as complaints
from scoped_complaints
group by 1
order by 1
