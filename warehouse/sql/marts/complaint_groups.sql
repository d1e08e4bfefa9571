-- Complaint counts, escalation and first-contact resolution per $by (category, channel,
-- region, severity or touchpoint), the value as written; Pareto and the escalation table use it.
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
,
keyed as (
    select
        *,
        coalesce(trim(case $by
            when 'category' then category
            when 'channel' then channel
            when 'region' then region
            when 'severity' then severity
            when 'touchpoint' then touchpoint
        end), '') as group_value
    from complaint_facts
)
select
    min(group_value) as value,
    count(*) as complaints,
    count(escalated) as escalation_n,
    coalesce(count_if(escalated), 0)::bigint as escalated,
    100.0 * coalesce(count_if(escalated), 0)::bigint / nullif(count(escalated), 0) as escalation_rate_pct,
    coalesce(count_if(first_contact_resolved), 0)::bigint as first_contact_resolved,
    100.0 * coalesce(count_if(first_contact_resolved), 0)::bigint / nullif(count(*), 0) as fcr_pct,
    count(distinct customer_id) as customers,
    sum(compensation_amount) as compensation
from keyed
group by lower(group_value)
order by complaints desc, value
