-- A merge's result row: rows added, rows replaced, and rows identical to the warehouse.
select (select count(*) from incoming) - count(*) as loaded,
       count(*) filter (where _old_hash <> _hash) as updated,
       count(*) filter (where _old_hash = _hash) as same
from cmp;
