-- Complaint metrics per period ($grain: day, week, month or quarter): the SLA and first-contact
-- outcomes counted per stored severity and status (parts/staging/complaint_tallies.sql), then summed.
with
-- @include parts/scoped/complaints.sql
,
tally_input as (
    select *, date_trunc($grain, created_at)::date as group_key
    from scoped_complaints
),
-- @include parts/staging/complaint_tallies.sql
,
counts as (
    select
        group_key,
-- @include parts/metrics/outcome_counts.sql
    from complaint_outcomes
    group by 1
)
select
    group_key as period,
-- @include parts/metrics/complaint_ratios.sql
from counts
group by 1
order by 1
