-- The customers whose complaint history a batch changes: those of the rows it wrote and of the
-- rows it replaced (their before-images). Run after a load, or before an undo deletes the rows.
-- Adds to the temp table touched_customers (derived/touch_start.sql makes it).
insert into touched_customers
select customer_id from complaints where batch_id = $batch_id and customer_id is not null
union
select before_row ->> 'customer_id' from batch_history
where batch_id = $batch_id and kind = 'complaints' and before_row ->> 'customer_id' is not null
