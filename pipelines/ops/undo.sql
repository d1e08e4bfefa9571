-- Undo a ops batch: rows it wrote go; rows it replaced come back from their before-images.
delete from ops_metrics where batch_id = $batch_id;

insert into ops_metrics by name
select unnest(json_transform(before_row, $structure))
from batch_history
where batch_id = $batch_id and kind = 'ops';
