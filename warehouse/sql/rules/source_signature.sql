-- The state of every source table a rule can read (rows and newest batch) and of the undos, read
-- once per evaluation: a rule whose tables did not change is not judged again.
select
    (select count(*) from complaints) as complaints_rows,
    (select max(batch_id) from complaints) as complaints_batch,
    (select count(*) from survey_responses) as survey_responses_rows,
    (select max(batch_id) from survey_responses) as survey_responses_batch,
    (select count(*) from survey_ratings) as survey_ratings_rows,
    (select max(batch_id) from survey_ratings) as survey_ratings_batch,
    (select count(*) from ops_metrics) as ops_metrics_rows,
    (select max(batch_id) from ops_metrics) as ops_metrics_batch,
    (select count(*) from benchmarks) as benchmarks_rows,
    (select max(batch_id) from benchmarks) as benchmarks_batch,
    (select count(*) from customers) as customers_rows,
    (select max(batch_id) from customers) as customers_batch,
    (select count(*) from batches where status = 'undone') as undone,
    (select max(batch_id) from batches where status = 'undone') as undone_batch
