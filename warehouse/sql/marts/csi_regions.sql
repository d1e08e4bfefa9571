-- Regions with data the viewer may see under the filter request (as written, one per name).
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/complaints.sql
,
-- @include parts/scoped/customers.sql
,
found as (
    select trim(region) as region from scoped_responses
    union all
    select trim(region) from scoped_complaints
    union all
    select trim(region) from scoped_customers
)
select min(region) as region
from found
where region is not null and region <> ''
group by lower(region)
order by 1
