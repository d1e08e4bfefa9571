-- Complaint descriptions inside the filters and the viewer's scope, with what the
-- voice-of-customer views group them by; newest first, capped so a page never pulls a whole
-- table into memory.
with
-- @include parts/scoped/complaints.sql
, described as (
    select
        'complaint' as source,
        ticket_id as id,
        created_at,
        channel,
        region,
        touchpoint,
        product,
        category,
        description as text
    from scoped_complaints
    where description is not null
      and trim(description) <> ''
),
final as (
    select *
    from described
    order by created_at desc, id
    limit $max_texts
)
select * from final
