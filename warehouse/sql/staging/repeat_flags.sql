-- Repeat complaints: a ticket is a repeat when the same customer complained about the same
-- category within the 30 days before it (among tickets the viewer may see). A CTE; needs
-- scoped/complaints.sql and scoped/complaints_history.sql before it.
repeat_previous as (
    select
        ticket_id,
        customer_id,
        category,
        created_at,
        lag(created_at) over (
            partition by customer_id, lower(trim(category)) order by created_at, ticket_id
        ) as previous_at
    from scoped_complaints_history
    where customer_id is not null and trim(customer_id) <> ''
      and category is not null and trim(category) <> ''
),
repeat_flags as (
    select
        c.*,
        coalesce(epoch(c.created_at) - epoch(p.previous_at) <= $repeat_window_seconds, false)
            as is_repeat
    from scoped_complaints as c
    left join repeat_previous as p on p.ticket_id = c.ticket_id
)
