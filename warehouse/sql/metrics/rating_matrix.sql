-- CSAT per rated touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/ratings.sql
,
keyed_input as (select *, submitted_at as row_at from scoped_ratings),
-- @include parts/metrics/row_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/rating_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
