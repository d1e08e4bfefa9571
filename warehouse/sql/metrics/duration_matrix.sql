-- Response and resolution times per touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/complaints.sql
,
-- @include parts/staging/complaint_durations.sql
,
keyed_input as (select *, created_at as row_at from complaint_durations),
-- @include parts/metrics/row_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/duration_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
