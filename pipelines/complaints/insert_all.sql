-- Every key of the load is new: a plain insert, without the join insert_new.sql needs.
insert into complaints by name
select COLUMNS(lambda c: list_contains($content, c)), $batch_id as batch_id, $batch_id as first_batch_id
from incoming;
