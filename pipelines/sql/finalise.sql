-- Shared last staging step: reject rows with any error, keep the last row of a key repeated
-- within the file (earlier ones count as duplicates), and hash each row's content.
create table if not exists extra_errors (_ord bigint, field varchar, reason varchar);

create or replace table row_errors as
select _ord, e.field as field, e.reason as reason
from (select _ord, unnest(errors) as e from staged)
union all
select _ord, field, reason from extra_errors;

create or replace table incoming as
select *, md5(to_json(struct_pack(*COLUMNS(* exclude (_ord, _key))))) as _hash
from (
    select * exclude (errors)
    from staged
    where _ord not in (select _ord from row_errors)
    qualify row_number() over (partition by _key order by _ord desc) = 1
);
