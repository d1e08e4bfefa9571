-- Complaint descriptions inside the filters and the viewer's scope, latest first, capped
-- so a page never pulls a whole table into memory.
with
-- @include parts/scoped/complaints.sql
, described as (
    select ticket_id, created_at, description
    from scoped_complaints
    where description is not null
      and trim(description) <> ''
),
final as (
    select ticket_id, created_at, description
    from described
    order by created_at desc, ticket_id
    limit $max_texts
)
select * from final
