-- What complaints batches newer than $batch brought: how many rows they wrote and the earliest
-- event time among them, and how many rows they replaced with the earliest event time those
-- rows had before (their before-images): periods from there on read again, older ones stand.
select
    (select count(*) from complaints where batch_id > $batch) as written,
    (select min(created_at) from complaints where batch_id > $batch) as written_from,
    (select count(*) from batch_history where batch_id > $batch and kind = 'complaints')
        as replaced,
    (select min(try_cast(before_row->>'created_at' as timestamp)) from batch_history
     where batch_id > $batch and kind = 'complaints') as replaced_from,
    (select count(*) from batch_history where batch_id > $batch and kind = 'complaints'
       and try_cast(before_row->>'created_at' as timestamp) is null) as replaced_untimed
