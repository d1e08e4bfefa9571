-- provides: a whole query: rows (source, field, value, channel, region)
-- needs: table customers; no parameters
-- The rows of filter_values for crm loads (source, field, value, channel, region): what
-- derived/values_crm.sql stores and what marts built off the warehouse hold.
with combos as (
    select channel, region, segment
    from customers
    group by all
)
select distinct 'crm' as source, field, value, channel, region
from (
    select 'channels' as field, channel as value, channel, region from combos
    union all select 'regions', region, channel, region from combos
    union all select 'segments', segment, channel, region from combos
)
where value is not null and trim(value) <> ''
