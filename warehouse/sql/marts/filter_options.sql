-- Every filter value inside the viewer's scope: rows of (field, value), one per value
-- case-insensitively (the value as written). Reads the tables directly with the viewer's scope
-- only (no filter request applies). Each table is read once, collecting the distinct raw values
-- of all its filter columns in that one scan; the string clean-up then runs on a few values
-- rather than on every row.
with
response_values as (
    select
        list(distinct c.channel) as channels,
        list(distinct c.region) as regions,
        list(distinct c.touchpoint) as touchpoints,
        list(distinct c.segment) as segments
    from survey_responses as c
    where
-- @include scoped/viewer_scope.sql
),
rating_values as (
    select list(distinct t.touchpoint) as touchpoints
    from survey_ratings as t
    where $wide_ratings
      and (not $scoped or t.response_id in (
          select c.response_id from survey_responses as c
          where
-- @include scoped/viewer_scope.sql
      ))
),
complaint_values as (
    select
        list(distinct c.channel) as channels,
        list(distinct c.region) as regions,
        list(distinct c.touchpoint) as touchpoints,
        list(distinct c.category) as categories,
        list(distinct c.severity) as severities
    from complaints as c
    where
-- @include scoped/viewer_scope.sql
),
customer_values as (
    select
        list(distinct c.channel) as channels,
        list(distinct c.region) as regions,
        list(distinct c.segment) as segments
    from customers as c
    where
-- @include scoped/viewer_scope.sql
),
found as (
    select 'channels' as field, unnest(channels) as value from response_values
    union all select 'regions', unnest(regions) from response_values
    union all select 'touchpoints', unnest(touchpoints) from response_values
    union all select 'segments', unnest(segments) from response_values
    union all select 'touchpoints', unnest(touchpoints) from rating_values
    union all select 'channels', unnest(channels) from complaint_values
    union all select 'regions', unnest(regions) from complaint_values
    union all select 'touchpoints', unnest(touchpoints) from complaint_values
    union all select 'categories', unnest(categories) from complaint_values
    union all select 'severities', unnest(severities) from complaint_values
    union all select 'channels', unnest(channels) from customer_values
    union all select 'regions', unnest(regions) from customer_values
    union all select 'segments', unnest(segments) from customer_values
)
select field, min(trim(value)) as value
from found
where value is not null and trim(value) <> ''
group by field, lower(trim(value))
order by field, lower(min(trim(value)))
