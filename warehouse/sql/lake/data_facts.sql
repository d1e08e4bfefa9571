-- data_facts (derived by every load): one file.
create or replace temp view lake_source as
select '' as month, t.* from data_facts as t
