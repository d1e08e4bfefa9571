-- --row-id hash: a file without an id column gets response_id from a hash of the row's whole content, so
-- the same row loaded again has the same id (and adds nothing).
create or replace temp table raw0 as
select *, 'row-' || md5(to_json([*COLUMNS(*)])) as response_id
from raw0;
