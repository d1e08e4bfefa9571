-- The counts behind metrics/complaint_aggs.sql over complaint_facts (a select list to include),
-- for models that group twice: first on the values as stored (cheap), then on the cleaned-up
-- values of the few groups that gives; metrics/complaint_ratios.sql finishes them.
count(*) as complaints,
coalesce(count_if(response_sla in ('met', 'breach')), 0)::bigint as sla_first_response_n,
coalesce(count_if(response_sla = 'met'), 0)::bigint as sla_first_response_met,
coalesce(count_if(resolution_sla in ('met', 'breach')), 0)::bigint as sla_resolution_n,
coalesce(count_if(resolution_sla = 'met'), 0)::bigint as sla_resolution_met,
count(escalated) as escalation_n,
coalesce(count_if(escalated), 0)::bigint as escalated_count,
coalesce(count_if(first_contact_resolved), 0)::bigint as fcr_count
