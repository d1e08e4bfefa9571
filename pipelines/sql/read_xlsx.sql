-- An XLSX sheet's rows (registered from Python as `xlsx_rows`, all text) as the raw table.
create or replace table raw0 as select * from xlsx_rows;
