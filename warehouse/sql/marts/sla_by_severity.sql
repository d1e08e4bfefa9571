-- SLA outcomes per severity (as written, one row per severity case-insensitively).
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
select
    coalesce(min(trim(severity)), '') as severity,
    count(*) as tickets,
    count(*) filter (where response_sla = 'met') as response_met,
    count(*) filter (where response_sla = 'breach') as response_breach,
    count(*) filter (where response_sla = 'pending') as response_pending,
    100.0 * count(*) filter (where response_sla = 'met')
        / nullif(count(*) filter (where response_sla in ('met', 'breach')), 0)
        as sla_first_response_pct,
    count(*) filter (where resolution_sla = 'met') as resolution_met,
    count(*) filter (where resolution_sla = 'breach') as resolution_breach,
    count(*) filter (where resolution_sla = 'pending') as resolution_pending,
    100.0 * count(*) filter (where resolution_sla = 'met')
        / nullif(count(*) filter (where resolution_sla in ('met', 'breach')), 0)
        as sla_resolution_pct,
    bool_or(is_urgent) as urgent
from complaint_facts
group by lower(coalesce(trim(severity), ''))
order by tickets desc, severity
