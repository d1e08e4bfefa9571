-- customers: a dimension, one file (no time column the reads filter on).
create or replace temp view lake_source as
select '' as month, t.* from customers as t
