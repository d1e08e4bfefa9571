-- Source rows, rows with errors, and rows that will reach the warehouse.
select (select count(*) from raw) as rows_read,
       (select count(distinct _ord) from row_errors) as rows_rejected,
       (select count(*) from incoming) as rows_valid;
