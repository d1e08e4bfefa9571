-- Tickets whose text, category, ticket id or customer id contains $pattern (ILIKE, with
-- % and _ in the user's text escaped), newest first.
with
-- @include parts/scoped/complaints.sql
select
    ticket_id,
    created_at,
    customer_id,
    channel,
    region,
    touchpoint,
    category,
    severity,
    status,
    first_response_at,
    resolved_at,
    escalated,
    compensation_amount,
    description
from scoped_complaints
where $pattern = '%%'
   or description ilike $pattern escape '\'
   or category ilike $pattern escape '\'
   or ticket_id ilike $pattern escape '\'
   or customer_id ilike $pattern escape '\'
order by created_at desc, ticket_id
limit $limit
