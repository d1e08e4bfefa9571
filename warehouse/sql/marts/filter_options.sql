-- Every filter value inside the viewer's scope: rows of (field, value), one per value
-- case-insensitively (the value as written).
with
-- @include scoped/responses.sql
,
-- @include scoped/ratings.sql
,
-- @include scoped/complaints.sql
,
-- @include scoped/customers.sql
,
found as (
    select 'channels' as field, channel as value from scoped_responses
    union all select 'channels', channel from scoped_complaints
    union all select 'channels', channel from scoped_customers
    union all select 'regions', region from scoped_responses
    union all select 'regions', region from scoped_complaints
    union all select 'regions', region from scoped_customers
    union all select 'touchpoints', touchpoint from scoped_responses
    union all select 'touchpoints', touchpoint from scoped_ratings
    union all select 'touchpoints', touchpoint from scoped_complaints
    union all select 'segments', segment from scoped_responses
    union all select 'segments', segment from scoped_customers
    union all select 'categories', category from scoped_complaints
    union all select 'severities', severity from scoped_complaints
)
select field, min(trim(value)) as value
from found
where value is not null and trim(value) <> ''
group by field, lower(trim(value))
order by field, lower(min(trim(value)))
