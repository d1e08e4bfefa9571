-- filter_values (derived by every load): one file.
create or replace temp view lake_source as
select '' as month, t.* from filter_values as t
