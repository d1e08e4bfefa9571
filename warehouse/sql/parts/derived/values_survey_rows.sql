-- provides: a whole query: rows (source, field, value, channel, region)
-- needs: table survey_responses; no parameters
-- The rows of filter_values for survey loads (source, field, value, channel, region): what
-- derived/values_survey.sql stores and what marts built off the warehouse hold.
with combos as (
    select channel, region, touchpoint, segment
    from survey_responses
    group by all
),
-- ratings at touchpoints other than the response's own (wide surveys only; none otherwise)
rated as (
    select distinct r.channel, r.region, t.touchpoint
    from survey_ratings as t
    join survey_responses as r on r.response_id = t.response_id
    where t.touchpoint is distinct from r.touchpoint
)
select distinct 'survey' as source, field, value, channel, region
from (
    select 'channels' as field, channel as value, channel, region from combos
    union all select 'regions', region, channel, region from combos
    union all select 'touchpoints', touchpoint, channel, region from combos
    union all select 'segments', segment, channel, region from combos
    union all select 'touchpoints', touchpoint, channel, region from rated
)
where value is not null and trim(value) <> ''
