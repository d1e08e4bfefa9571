-- Undo a crm batch: rows it wrote go; rows it replaced come back from their before-images.
delete from customers where batch_id = $batch_id;

insert into customers by name
select unnest(json_transform(before_row, $structure))
from batch_history
where batch_id = $batch_id and kind = 'crm';
