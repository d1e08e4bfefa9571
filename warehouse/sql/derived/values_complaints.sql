-- filter_values for complaints: every value of each filter column with the channel and region
-- it occurs with (so a department head's scope applies to the list as to the rows). Rebuilt
-- after each complaints load or undo; marts/filter_options.sql reads it instead of 10M rows.
delete from filter_values where source = 'complaints';
insert into filter_values (source, field, value, channel, region)
with combos as (
    select channel, region, touchpoint, category, severity
    from complaints
    group by all
)
select distinct 'complaints', field, value, channel, region
from (
    select 'channels' as field, channel as value, channel, region from combos
    union all select 'regions', region, channel, region from combos
    union all select 'touchpoints', touchpoint, channel, region from combos
    union all select 'categories', category, channel, region from combos
    union all select 'severities', severity, channel, region from combos
)
where value is not null and trim(value) <> '';
