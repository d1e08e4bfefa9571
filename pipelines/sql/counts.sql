-- Source rows and rows with errors.
select (select count(*) from typed) as rows_read,
       (select count(distinct _ord) from row_errors) as rows_rejected;
