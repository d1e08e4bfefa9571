-- The staged rows' column names (no rows).
select * from handoff.incoming limit 0;
