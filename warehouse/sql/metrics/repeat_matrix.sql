-- Repeat-complaint rate per touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/complaints_history.sql
,
-- @include parts/staging/repeat_flags.sql
,
keyed as (
    select
        *,
        coalesce(trim(touchpoint), '') as tp_value,
        case $by
            when 'channel' then coalesce(trim(channel), '')
            when 'region' then coalesce(trim(region), '')
            else strftime(date_trunc('week', created_at), '%Y-%m-%d')
        end as col_value
    from repeat_flags
)
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/repeat_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
