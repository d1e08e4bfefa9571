-- The staged rows' column names (no rows).
select * from staged limit 0;
