-- When the latest described complaint inside the filters and the viewer's scope was created.
with
-- @include parts/scoped/complaints.sql
, final as (
    select max(created_at) as latest
    from scoped_complaints
    where description is not null
      and trim(description) <> ''
)
select * from final
