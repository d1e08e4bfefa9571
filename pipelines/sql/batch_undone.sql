update batches set status = 'undone', undone_at = now()::timestamp, undone_by = $user where batch_id = $batch_id;
