-- Records DuckDB read from the file (blank lines are not records).
select count(*) from raw0;
