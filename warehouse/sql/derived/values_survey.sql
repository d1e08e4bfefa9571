-- filter_values for survey responses and, from wide surveys, their per-touchpoint ratings (with
-- the response's channel and region). Rebuilt after each survey load or undo.
delete from filter_values where source = 'survey';
insert into filter_values (source, field, value, channel, region)
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
select distinct 'survey', field, value, channel, region
from (
    select 'channels' as field, channel as value, channel, region from combos
    union all select 'regions', region, channel, region from combos
    union all select 'touchpoints', touchpoint, channel, region from combos
    union all select 'segments', segment, channel, region from combos
    union all select 'touchpoints', touchpoint, channel, region from rated
)
where value is not null and trim(value) <> '';
