-- filter_values for survey responses and, from wide surveys, their per-touchpoint ratings (with
-- the response's channel and region). Rebuilt after each survey load or undo.
delete from filter_values where source = 'survey';
insert into filter_values (source, field, value, channel, region)
-- @include parts/derived/values_survey_rows.sql
;
