-- Every filter value inside the viewer's scope: rows of (field, value), one per value
-- case-insensitively (the value as written). Reads the tables directly with the viewer's scope
-- only (no filter request applies), distinct raw values first, so the string clean-up runs on a
-- few values rather than on every row.
with
found as (
    select distinct 'channels' as field, c.channel as value from survey_responses as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'regions', c.region from survey_responses as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'touchpoints', c.touchpoint from survey_responses as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'segments', c.segment from survey_responses as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'touchpoints', t.touchpoint from survey_ratings as t
    where $wide_ratings
      and (not $scoped or t.response_id in (
          select c.response_id from survey_responses as c
          where
-- @include scoped/viewer_scope.sql
      ))
    union
    select distinct 'channels', c.channel from complaints as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'regions', c.region from complaints as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'touchpoints', c.touchpoint from complaints as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'categories', c.category from complaints as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'severities', c.severity from complaints as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'channels', c.channel from customers as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'regions', c.region from customers as c
    where
-- @include scoped/viewer_scope.sql
    union
    select distinct 'segments', c.segment from customers as c
    where
-- @include scoped/viewer_scope.sql
)
select field, min(trim(value)) as value
from found
where value is not null and trim(value) <> ''
group by field, lower(trim(value))
order by field, lower(min(trim(value)))
