-- Aggregate expressions over complaint_facts (a select list to include; glossary in
-- warehouse/docs/metrics.md). The durations (sorts, the costly part) are in duration_aggs.sql.
count(*) as complaints,
coalesce(count_if(response_sla in ('met', 'breach')), 0)::bigint as sla_first_response_n,
100.0 * coalesce(count_if(response_sla = 'met'), 0)::bigint
    / nullif(coalesce(count_if(response_sla in ('met', 'breach')), 0)::bigint, 0) as sla_first_response_pct,
coalesce(count_if(resolution_sla in ('met', 'breach')), 0)::bigint as sla_resolution_n,
100.0 * coalesce(count_if(resolution_sla = 'met'), 0)::bigint
    / nullif(coalesce(count_if(resolution_sla in ('met', 'breach')), 0)::bigint, 0) as sla_resolution_pct,
count(escalated) as escalation_n,
100.0 * coalesce(count_if(escalated), 0)::bigint / nullif(count(escalated), 0) as escalation_rate_pct,
count(*) as fcr_n,
100.0 * coalesce(count_if(first_contact_resolved), 0)::bigint / nullif(count(*), 0) as fcr_pct
