insert into rejects (batch_id, line_no, field, reason, raw)
select $batch_id, line_no, field, reason, raw from reject_rows order by line_no;
