-- Repeat-complaint rate for one filter request.
with
-- @include scoped/complaints_history.sql
,
-- @include staging/repeat_flags.sql
select
-- @include metrics/repeat_aggs.sql
from repeat_flags
