-- Complaint metrics (counts, response and resolution times, SLA, escalation, FCR).
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
select
-- @include metrics/complaint_aggs.sql
from complaint_facts
