-- Keys repeated inside the file (the full path decides which row wins).
select count(*) - count(distinct _key) from handoff.incoming;
