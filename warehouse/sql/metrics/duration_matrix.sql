-- Response and resolution times per touchpoint × ($by: channel, region or week).
with
-- @include parts/scoped/complaints.sql
,
-- @include parts/staging/complaint_durations.sql
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
    from complaint_durations
)
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/duration_aggs.sql
from keyed
group by lower(tp_value), lower(col_value)
