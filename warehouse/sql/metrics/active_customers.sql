-- Active customers (status is not churned) in the viewer's scope and the filter's
-- channel/region/segment; crm_rows = 0 means there is no CRM data to divide by.
with
-- @include parts/scoped/customers.sql
select
    count(*) as crm_rows,
    coalesce(count_if(coalesce(lower(trim(status)), '') <> 'churned'), 0)::bigint as active_customers
from scoped_customers
