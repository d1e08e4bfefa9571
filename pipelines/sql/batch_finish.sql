update batches
set finished_at = now()::timestamp, rows_read = $rows_read, rows_loaded = $rows_loaded,
    rows_updated = $rows_updated, rows_duplicate = $rows_duplicate, rows_rejected = $rows_rejected,
    rejects_path = $rejects_path
where batch_id = $batch_id;
