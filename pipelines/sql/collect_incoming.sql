-- The rows the write step merges.
select * from incoming;
