-- Day-first or month-first? Per date column: the largest first and second numbers of
-- d/m/yyyy-like values, how many values would read differently either way, and one of them.
-- (COLUMNS expands to one output column per date column; the loader combines them.)
select
    max(cx_dm_part(COLUMNS($date_columns), 1)),
    max(cx_dm_part(COLUMNS($date_columns), 2)),
    count(case when cx_dm_part(COLUMNS($date_columns), 1) <> cx_dm_part(COLUMNS($date_columns), 2) then 1 end),
    min(case when cx_dm_part(COLUMNS($date_columns), 1) <> cx_dm_part(COLUMNS($date_columns), 2)
             then COLUMNS($date_columns) end)
from raw0;
