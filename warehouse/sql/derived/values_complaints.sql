-- filter_values for complaints: every value of each filter column with the channel and region
-- it occurs with (so a department head's scope applies to the list as to the rows). Rebuilt
-- after each complaints load or undo; marts/filter_options.sql reads it instead of 10M rows.
delete from filter_values where source = 'complaints';
insert into filter_values (source, field, value, channel, region)
-- @include parts/derived/values_complaints_rows.sql
;
