-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- The complaint counts per group, summed from parts/staging/complaint_tallies.sql's complaint_outcomes
-- (a select list to include; parts/metrics/complaint_ratios.sql turns groups of them into the metrics).
sum(tickets)::bigint as complaints,
sum(response_met + response_breach)::bigint as sla_first_response_n,
sum(response_met)::bigint as sla_first_response_met,
sum(resolution_met + resolution_breach)::bigint as sla_resolution_n,
sum(resolution_met)::bigint as sla_resolution_met,
coalesce(sum(case when escalated is not null then tickets end), 0)::bigint as escalation_n,
coalesce(sum(case when escalated then tickets end), 0)::bigint as escalated_count,
sum(first_contact_resolved)::bigint as fcr_count,
sum(timed)::bigint as timed_count
