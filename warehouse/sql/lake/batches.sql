-- batches: which loads made the data (data freshness reads it), one file.
create or replace temp view lake_source as
select '' as month, t.* from batches as t
