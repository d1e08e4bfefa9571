-- SLA outcomes per severity (as written, one row per severity case-insensitively). Counted per
-- severity as stored (parts/staging/complaint_tallies.sql: numbers per ticket, the clocks decided per
-- severity and status as written), then merged on the cleaned-up value of those few groups.
with
-- @include parts/scoped/complaints.sql
,
tally_input as (
    select *, true as group_key
    from scoped_complaints
),
-- @include parts/staging/complaint_tallies.sql
,
merged as (
    select
        coalesce(min(trim(severity)), '') as severity,
        sum(tickets)::bigint as tickets,
        sum(response_met)::bigint as response_met,
        sum(response_breach)::bigint as response_breach,
        sum(response_pending)::bigint as response_pending,
        sum(resolution_met)::bigint as resolution_met,
        sum(resolution_breach)::bigint as resolution_breach,
        sum(resolution_pending)::bigint as resolution_pending,
        bool_or(is_urgent) as urgent
    from complaint_outcomes
    group by lower(coalesce(trim(severity), ''))
)
select
    severity,
    tickets,
    response_met,
    response_breach,
    response_pending,
    100.0 * response_met / nullif(response_met + response_breach, 0) as sla_first_response_pct,
    resolution_met,
    resolution_breach,
    resolution_pending,
    100.0 * resolution_met / nullif(resolution_met + resolution_breach, 0) as sla_resolution_pct,
    urgent
from merged
order by tickets desc, severity
