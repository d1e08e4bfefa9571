select batch_id, kind, status, file_name from batches where batch_id = $batch_id;
