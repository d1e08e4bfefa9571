-- Customers with repeat complaints (same category within 30 days) in the filter window.
with
-- @include parts/scoped/complaints_history.sql
,
-- @include parts/staging/repeat_flags.sql
select
    customer_id,
    min(trim(category)) as category,
    count(*) as complaints,
    coalesce(count_if(is_repeat), 0)::bigint as repeats,
    min(created_at) as first_at,
    max(created_at) as last_at,
    list(ticket_id order by created_at, ticket_id) as ticket_ids
from repeat_flags
where customer_id is not null and trim(customer_id) <> '' and trim(category) <> ''
group by customer_id, lower(trim(category))
having coalesce(count_if(is_repeat), 0)::bigint > 0
order by repeats desc, last_at desc, customer_id
limit $limit
