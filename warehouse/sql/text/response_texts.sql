-- Survey comments inside the filters and the viewer's scope, shaped like complaint_texts.sql
-- (a response has no product or complaint category); newest first, capped.
with
-- @include parts/scoped/responses.sql
, commented as (
    select
        'response' as source,
        response_id as id,
        submitted_at as created_at,
        channel,
        region,
        touchpoint,
        cast(null as varchar) as product,
        cast(null as varchar) as category,
        comment as text
    from scoped_responses
    where comment is not null
      and trim(comment) <> ''
),
final as (
    select *
    from commented
    order by created_at desc, id
    limit $max_texts
)
select * from final
