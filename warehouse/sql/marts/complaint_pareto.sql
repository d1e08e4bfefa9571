-- Complaints per $by (category, channel, region, severity or touchpoint), the value as written:
-- the Pareto's counts. Counted per value as stored first, then merged on the cleaned-up value of
-- those few groups (trimming and lower-casing every row's value cost more than the counting).
with
-- @include parts/scoped/complaints.sql
,
raw_groups as (
    select
        case $by
            when 'category' then category
            when 'channel' then channel
            when 'region' then region
            when 'severity' then severity
            when 'touchpoint' then touchpoint
        end as raw_value,
        count(*) as complaints
    from scoped_complaints
    group by 1
)
select
    coalesce(min(trim(raw_value)), '') as value,
    sum(complaints)::bigint as complaints
from raw_groups
group by lower(coalesce(trim(raw_value), ''))
order by complaints desc, value
