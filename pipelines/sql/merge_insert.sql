-- The rows a merge writes (after `insert into <table> by name`): new keys, and changed rows with
-- this batch and the batch that first brought the key. Only the file's content columns come from
-- the file; a changed row takes its other fields from `kept` (the stored row, see merge.sql).
select i.* exclude (_key), k.* exclude (_kept_key, batch_id), $batch_id as batch_id,
       coalesce(c._first, $batch_id) as first_batch_id
from (select _key, COLUMNS(lambda c: list_contains($content, c)) from incoming) as i
left join cmp as c using (_key)
left join kept as k on k._kept_key = i._key
where c._key is null or c._old_hash <> c._hash;
