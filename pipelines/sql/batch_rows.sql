-- How many rows of each kind's table a batch last wrote (what an undo removes or restores).
select (select count(*) from customers where batch_id = $batch_id)
     + (select count(*) from survey_responses where batch_id = $batch_id)
     + (select count(*) from complaints where batch_id = $batch_id)
     + (select count(*) from benchmarks where batch_id = $batch_id)
     + (select count(*) from ops_metrics where batch_id = $batch_id) as rows_written,
       (select count(*) from batch_history where batch_id = $batch_id and kind <> 'survey_ratings') as rows_replaced;
