-- Later batches that replaced rows this batch wrote: they must be undone first.
select distinct h.batch_id
from batch_history as h
join batches as b on b.batch_id = h.batch_id
where h.batch_id > $batch_id
  and b.status = 'loaded'
  and try_cast(json_extract_string(h.before_row, '$.batch_id') as integer) = $batch_id
order by 1;
