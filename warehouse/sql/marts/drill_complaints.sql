-- The complaint tickets behind one heatmap cell, newest first (see drill_responses.sql).
with
-- @include parts/scoped/complaints.sql
select
    c.ticket_id,
    c.created_at,
    c.channel,
    c.region,
    c.touchpoint,
    c.category,
    c.severity,
    c.status,
    c.first_response_at,
    c.resolved_at,
    c.escalated,
    c.compensation_amount,
    c.description,
    c.customer_id
from scoped_complaints as c
where (not $blank_touchpoint or coalesce(trim(c.touchpoint), '') = '')
  and ($blank_col <> 'channel' or coalesce(trim(c.channel), '') = '')
  and ($blank_col <> 'region' or coalesce(trim(c.region), '') = '')
order by c.created_at desc, c.ticket_id
limit $limit
