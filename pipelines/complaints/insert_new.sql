-- New keys of a load that also had keys already in the warehouse (`cmp`, see merge.sql).
insert into complaints by name
select COLUMNS(lambda c: list_contains($content, c)), $batch_id as batch_id, $batch_id as first_batch_id
from incoming as i
where not exists (select 1 from cmp where cmp._key = i.ticket_id);
