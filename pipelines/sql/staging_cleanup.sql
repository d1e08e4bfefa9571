-- Free the staging memory once the rows for the write step are collected.
drop view if exists incoming;

drop view if exists staged;

drop table if exists typed;

drop table if exists incoming_rows;

drop table if exists ratings;

drop table if exists rating_values;
