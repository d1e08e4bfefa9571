-- Whether every ticket in the warehouse came with this batch (a first load).
select count(*) = coalesce(count_if(batch_id = $batch_id), 0)::bigint as every_ticket
from complaints
