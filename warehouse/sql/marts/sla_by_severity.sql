-- SLA outcomes per severity (as written, one row per severity case-insensitively). Counted per
-- severity as stored first, then merged on the cleaned-up value of those few groups (trimming
-- and lower-casing every row's severity cost more than the counting).
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
,
raw_severities as (
    select
        severity,
        count(*) as tickets,
        count(*) filter (where response_sla = 'met') as response_met,
        count(*) filter (where response_sla = 'breach') as response_breach,
        count(*) filter (where response_sla = 'pending') as response_pending,
        count(*) filter (where resolution_sla = 'met') as resolution_met,
        count(*) filter (where resolution_sla = 'breach') as resolution_breach,
        count(*) filter (where resolution_sla = 'pending') as resolution_pending,
        bool_or(is_urgent) as urgent
    from complaint_facts
    group by severity
),
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
        bool_or(urgent) as urgent
    from raw_severities
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
