-- Every filter value inside the viewer's scope: rows of (field, value), one per value
-- case-insensitively (the value as written). Distinct raw values first, so the string
-- clean-up runs on a few values rather than on every row.
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
    select distinct 'channels' as field, channel as value from scoped_responses
    union select distinct 'channels', channel from scoped_complaints
    union select distinct 'channels', channel from scoped_customers
    union select distinct 'regions', region from scoped_responses
    union select distinct 'regions', region from scoped_complaints
    union select distinct 'regions', region from scoped_customers
    union select distinct 'touchpoints', touchpoint from scoped_responses
    union select distinct 'touchpoints', touchpoint from scoped_ratings
    union select distinct 'touchpoints', touchpoint from scoped_complaints
    union select distinct 'segments', segment from scoped_responses
    union select distinct 'segments', segment from scoped_customers
    union select distinct 'categories', category from scoped_complaints
    union select distinct 'severities', severity from scoped_complaints
)
select field, min(trim(value)) as value
from found
where value is not null and trim(value) <> ''
group by field, lower(trim(value))
order by field, lower(min(trim(value)))
