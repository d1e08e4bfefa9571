-- What the loaded data looks like right now: row counts, the latest batch and undone batches.
-- Any load, update or undo changes it; evaluation skips rules whose data has not changed.
select
    (select count(*) from complaints) as complaints,
    (select count(*) from survey_responses) as survey_responses,
    (select count(*) from survey_ratings) as survey_ratings,
    (select count(*) from ops_metrics) as ops_metrics,
    (select count(*) from benchmarks) as benchmarks,
    (select count(*) from customers) as customers,
    (select max(batch_id) from batches) as latest_batch,
    (select count(*) from batches where status = 'undone') as undone
