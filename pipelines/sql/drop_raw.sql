-- The source text is no longer needed once rejects are collected.
drop view if exists raw;

drop table if exists raw0;
