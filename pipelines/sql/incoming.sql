-- The rows for the warehouse: valid rows only; when a key repeats inside the file the last row
-- wins (earlier ones count as duplicates). Each has a content hash the merge compares with the
-- same hash of the stored row. A view: evaluated once, when the rows are collected.
create or replace temp view incoming as
select *, hash(struct_pack(*COLUMNS(* exclude (_ord, _key)))) as _hash
from (
    select * exclude (errors)
    from staged
    where _ord in (
        select max(_ord) from staged
        where _ord not in (select _ord from row_errors)
        group by _key
    )
);
