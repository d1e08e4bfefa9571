-- Repeat-complaint rate per touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/complaints_history.sql
,
-- @include parts/staging/repeat_flags.sql
,
keyed_input as (select *, created_at as row_at from repeat_flags),
-- @include parts/metrics/row_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/repeat_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
