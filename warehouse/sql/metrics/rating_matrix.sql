-- CSAT per rated touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/ratings.sql
,
keyed as (
    select
        *,
        coalesce(trim(touchpoint), '') as tp_value,
        case $by
            when 'channel' then coalesce(trim(channel), '')
            when 'region' then coalesce(trim(region), '')
            else strftime(date_trunc('week', submitted_at), '%Y-%m-%d')
        end as col_value
    from scoped_ratings
)
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/rating_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
