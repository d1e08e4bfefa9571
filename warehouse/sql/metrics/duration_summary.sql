-- Response and resolution times (median, p90) for one filter request.
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
select
-- @include metrics/duration_aggs.sql
from complaint_facts
