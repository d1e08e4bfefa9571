-- filter_values for CRM customers. Rebuilt after each CRM load or undo.
delete from filter_values where source = 'crm';
insert into filter_values (source, field, value, channel, region)
with combos as (
    select channel, region, segment
    from customers
    group by all
)
select distinct 'crm', field, value, channel, region
from (
    select 'channels' as field, channel as value, channel, region from combos
    union all select 'regions', region, channel, region from combos
    union all select 'segments', segment, channel, region from combos
)
where value is not null and trim(value) <> '';
