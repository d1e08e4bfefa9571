-- The counts behind metrics/complaint_aggs.sql over complaint_facts (a select list to include),
-- for models that group twice: first on the values as stored (cheap), then on the cleaned-up
-- values of the few groups that gives; metrics/complaint_ratios.sql finishes them.
count(*) as complaints,
count(*) filter (where response_sla in ('met', 'breach')) as sla_first_response_n,
count(*) filter (where response_sla = 'met') as sla_first_response_met,
count(*) filter (where resolution_sla in ('met', 'breach')) as sla_resolution_n,
count(*) filter (where resolution_sla = 'met') as sla_resolution_met,
count(escalated) as escalation_n,
count(*) filter (where escalated) as escalated_count,
count(*) filter (where first_contact_resolved) as fcr_count
