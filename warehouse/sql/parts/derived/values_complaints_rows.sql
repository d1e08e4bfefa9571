-- provides: a whole query: rows (source, field, value, channel, region)
-- needs: table complaints; no parameters
-- The rows of filter_values for complaints loads (source, field, value, channel, region): what
-- derived/values_complaints.sql stores and what marts built off the warehouse hold.
with combos as (
    select channel, region, touchpoint, category, severity
    from complaints
    group by all
)
select distinct 'complaints' as source, field, value, channel, region
from (
    select 'channels' as field, channel as value, channel, region from combos
    union all select 'regions', region, channel, region from combos
    union all select 'touchpoints', touchpoint, channel, region from combos
    union all select 'categories', category, channel, region from combos
    union all select 'severities', severity, channel, region from combos
)
where value is not null and trim(value) <> ''
