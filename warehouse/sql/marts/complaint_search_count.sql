-- How many tickets complaint_search.sql finds without its limit (for "showing 500 of N").
with
-- @include parts/scoped/complaints.sql
select count(*) as tickets
from scoped_complaints
where $pattern = '%%'
   or description ilike $pattern escape '\'
   or category ilike $pattern escape '\'
   or ticket_id ilike $pattern escape '\'
   or customer_id ilike $pattern escape '\'
