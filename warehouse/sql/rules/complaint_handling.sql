-- Company-wide handling figures per period: median first response (minutes) and the
-- first-contact resolution count, both as the metric glossary defines them
-- (warehouse/docs/metrics.md: frt_median_minutes, fcr_pct), from the same staging models the
-- dashboard reads: parts/staging/complaint_tallies.sql and parts/staging/complaint_durations.sql.
-- With $since (a period start) only the periods from there on (tickets created since then).
with
-- @include parts/scoped/complaints.sql
,
tally_input as (
    select *, date_trunc($grain, created_at) as group_key
    from scoped_complaints
    where $since is null or created_at >= $since
),
-- @include parts/staging/complaint_tallies.sql
,
-- @include parts/staging/complaint_durations.sql
,
first_contact as (
    select
        group_key as period_start,
        sum(first_contact_resolved)::bigint as fcr_count,
        sum(tickets)::bigint as n
    from complaint_outcomes
    group by 1
),
first_response as (
    select
        date_trunc($grain, created_at) as period_start,
        quantile_cont(frt_minutes, 0.5) as frt_median_minutes,
        count(frt_minutes) as frt_n
    from complaint_durations
    where $since is null or created_at >= $since
    group by 1
)
select
    period_start,
    '' as scope_key,
    '' as scope_value,
    r.frt_median_minutes,
    r.frt_n,
    f.fcr_count,
    f.n
from first_contact as f
join first_response as r using (period_start)
order by period_start
