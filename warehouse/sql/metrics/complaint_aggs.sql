-- Aggregate expressions over complaint_facts (a select list to include; glossary in
-- warehouse/docs/metrics.md). The durations (sorts, the costly part) are in duration_aggs.sql.
count(*) as complaints,
count(*) filter (where response_sla in ('met', 'breach')) as sla_first_response_n,
100.0 * count(*) filter (where response_sla = 'met')
    / nullif(count(*) filter (where response_sla in ('met', 'breach')), 0) as sla_first_response_pct,
count(*) filter (where resolution_sla in ('met', 'breach')) as sla_resolution_n,
100.0 * count(*) filter (where resolution_sla = 'met')
    / nullif(count(*) filter (where resolution_sla in ('met', 'breach')), 0) as sla_resolution_pct,
count(escalated) as escalation_n,
100.0 * count(*) filter (where escalated) / nullif(count(escalated), 0) as escalation_rate_pct,
count(*) as fcr_n,
100.0 * count(*) filter (where first_contact_resolved) / nullif(count(*), 0) as fcr_pct
