-- Survey response metrics per touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/responses.sql
,
keyed_input as (select *, submitted_at as row_at from scoped_responses),
-- @include parts/metrics/row_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/response_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
