-- Undo a benchmarks batch: rows it wrote go; rows it replaced come back from their before-images.
delete from benchmarks where batch_id = $batch_id;

insert into benchmarks by name
select unnest(json_transform(before_row, $structure))
from batch_history
where batch_id = $batch_id and kind = 'benchmarks';
