-- Source rows, rows with errors, and rows repeating a key earlier in the file (sql/repeats.sql).
select (select count(*) from typed) as rows_read,
       (select count(distinct _ord) from row_errors where _ord not in (select _ord from repeat_rows))
           as rows_rejected,
       (select count(*) from repeat_rows) as rows_duplicate_in_file;
