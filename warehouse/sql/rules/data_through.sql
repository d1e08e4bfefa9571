-- The end (exclusive, a day boundary) of the data in each source table: later periods are
-- not complete yet and are not evaluated.
select
    (select date_trunc('day', max(created_at)) + interval 1 day from complaints) as complaints,
    (select date_trunc('day', max(submitted_at)) + interval 1 day from survey_responses) as survey,
    (select date_trunc('day', max(date)) + interval 1 day from ops_metrics) as ops,
    (select max(period) from benchmarks) as benchmarks
