-- The newest timestamp in the loaded data and the newest batch (for "data as of" and refresh).
-- Rows after $now are left out: a date far in the future is an outlier, not the data's end, and
-- the default period is anchored on this value.
select
    greatest(
        (select max(submitted_at) from survey_responses where submitted_at <= $now),
        (select max(created_at) from complaints where created_at <= $now),
        (select max(period)::timestamp from benchmarks where period <= $now),
        (select max(date) from ops_metrics where date <= $now)
    ) as data_as_of,
    (select max(batch_id) from batches where status = 'loaded') as latest_batch,
    (select max(coalesce(undone_at, finished_at, started_at)) from batches) as last_change_at,
    (select count(*) from batches) as batch_count,
    (select count(*) from survey_responses) + (select count(*) from complaints)
        + (select count(*) from customers) + (select count(*) from benchmarks)
        + (select count(*) from ops_metrics) as row_count
