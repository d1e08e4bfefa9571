-- The rows a merge writes (after `insert into <table> by name`): new keys, and changed rows with
-- this batch and the batch that first brought the key.
select i.* exclude (_ord, _key, _hash), $batch_id as batch_id, coalesce(c._first, $batch_id) as first_batch_id
from incoming as i
left join cmp as c using (_key)
where c._key is null or c._old_hash <> c._hash;
