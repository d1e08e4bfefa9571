-- Complaint counts, escalation and first-contact resolution per $by (category, channel,
-- region, severity or touchpoint), the value as written; the escalation table uses it. Counted
-- per stored value, severity and status (parts/staging/complaint_tallies.sql), then merged
-- case-insensitively.
with
-- @include parts/scoped/complaints.sql
,
tally_input as (
    select
        *,
        coalesce(trim(case $by
            when 'category' then category
            when 'channel' then channel
            when 'region' then region
            when 'severity' then severity
            when 'touchpoint' then touchpoint
        end), '') as group_key
    from scoped_complaints
),
-- @include parts/staging/complaint_tallies.sql
,
merged as (
    select
        min(group_key) as value,
        sum(tickets)::bigint as complaints,
        coalesce(sum(case when escalated is not null then tickets end), 0)::bigint
            as escalation_n,
        coalesce(sum(case when escalated then tickets end), 0)::bigint as escalated,
        sum(first_contact_resolved)::bigint as first_contact_resolved,
        sum(timed)::bigint as timed
    from complaint_outcomes
    group by lower(group_key)
)
select
    value,
    complaints,
    escalation_n,
    escalated,
    100.0 * escalated / nullif(escalation_n, 0) as escalation_rate_pct,
    first_contact_resolved,
    -- null when no ticket of the group has a first response or resolution time
    case when timed > 0 then 100.0 * first_contact_resolved / nullif(complaints, 0) end as fcr_pct
from merged
order by complaints desc, value
