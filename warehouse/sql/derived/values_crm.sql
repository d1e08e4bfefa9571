-- filter_values for CRM customers. Rebuilt after each CRM load or undo.
delete from filter_values where source = 'crm';
insert into filter_values (source, field, value, channel, region)
-- @include parts/derived/values_crm_rows.sql
;
