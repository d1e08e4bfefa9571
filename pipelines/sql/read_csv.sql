-- The whole file as text columns named by the mapping; rows with the wrong number of fields go
-- to DuckDB's reject tables (reported with their line by the stager).
create or replace temp table raw0 as
select *
from read_csv($path, header = false, skip = $skip, delim = $delim, quote = '"', escape = '"',
              columns = $columns, auto_detect = false, store_rejects = true,
              max_line_size = 100000000, encoding = 'utf-8');
