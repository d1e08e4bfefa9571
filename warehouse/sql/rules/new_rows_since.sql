-- The earliest event time among rows that batches newer than the given ones brought (null per
-- table when not asked): periods from there on hold late data.
select least(
    (select min(created_at) from complaints
     where $complaints_since is not null and batch_id > $complaints_since),
    (select min(submitted_at) from survey_responses
     where $responses_since is not null and batch_id > $responses_since),
    (select min(date)::timestamp from ops_metrics
     where $ops_since is not null and batch_id > $ops_since),
    (select min(period)::timestamp from benchmarks
     where $benchmarks_since is not null and batch_id > $benchmarks_since)
) as earliest
