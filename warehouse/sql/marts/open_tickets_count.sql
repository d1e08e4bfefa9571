-- How many open tickets open_tickets.sql lists without its limit.
with
-- @include parts/scoped/complaints.sql
select
    count(*) as tickets
from scoped_complaints
where resolved_at is null
  and not coalesce(
      list_contains($closed_statuses, lower(trim(status))) or lower(trim(status)) like 'closed%',
      false
  )
