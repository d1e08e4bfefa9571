-- Shared last staging step: reject rows with any error, keep the last row of a key repeated
-- within the file (earlier ones count as duplicates), and hash each row's content (the merge
-- compares it with the same hash of the stored row). `incoming` is a view: it is evaluated once,
-- when the loader collects the rows for the write step.
create temp table if not exists extra_errors (_ord bigint, field varchar, reason varchar);

create or replace temp table row_errors as
select _ord, e.field as field, e.reason as reason
from (select _ord, unnest(errors) as e from (select _ord, errors from staged) where len(errors) > 0)
union all
select _ord, field, reason from extra_errors;

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
