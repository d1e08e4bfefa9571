-- Load lineage, newest first.
select batch_id, kind, file_name, profile, user_name, started_at, finished_at, status,
       rows_read, rows_loaded, rows_updated, rows_duplicate, rows_rejected, rejects_path,
       sha256, options, undone_at, undone_by
from batches
order by batch_id desc;
