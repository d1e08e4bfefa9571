-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- The complaint metrics (glossary: warehouse/docs/metrics.md) from groups of
-- parts/metrics/outcome_counts.sql rows (a select list to include): the counts summed, their ratios.
sum(complaints)::bigint as complaints,
sum(sla_first_response_n)::bigint as sla_first_response_n,
100.0 * sum(sla_first_response_met)::bigint
    / nullif(sum(sla_first_response_n)::bigint, 0) as sla_first_response_pct,
sum(sla_resolution_n)::bigint as sla_resolution_n,
100.0 * sum(sla_resolution_met)::bigint
    / nullif(sum(sla_resolution_n)::bigint, 0) as sla_resolution_pct,
sum(escalation_n)::bigint as escalation_n,
100.0 * sum(escalated_count)::bigint / nullif(sum(escalation_n)::bigint, 0) as escalation_rate_pct,
sum(complaints)::bigint as fcr_n,
-- null when no ticket has a first response or resolution time: nothing says how any was handled
case when sum(timed_count) > 0
    then 100.0 * sum(fcr_count)::bigint / nullif(sum(complaints)::bigint, 0)
end as fcr_pct
