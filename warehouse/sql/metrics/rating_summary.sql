-- CSAT (top-2-box % and mean) over the per-touchpoint ratings of one filter request.
with
-- @include scoped/responses.sql
,
-- @include scoped/ratings.sql
select
-- @include metrics/rating_aggs.sql
from scoped_ratings
