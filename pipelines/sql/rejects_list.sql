select line_no, field, reason, raw from rejects where batch_id = $batch_id order by line_no, field;
