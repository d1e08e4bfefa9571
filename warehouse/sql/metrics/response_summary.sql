-- Survey response metrics (NPS, CES, negative-review rate) for one filter request.
with
-- @include scoped/responses.sql
select
-- @include metrics/response_aggs.sql
from scoped_responses
