-- A natural key repeated inside one file: the first row (in file order) is kept, every later one
-- is a reject naming the row it repeats ($key_field names the key in the reasons). Rows rejected
-- for another reason do not count as the first. Runs after sql/finalise.sql.
create or replace temp table repeat_rows as
select _ord, first_ord
from (
    select _ord, min(_ord) over (partition by _key) as first_ord
    from staged
    where _ord not in (select _ord from row_errors)
)
where _ord <> first_ord;

insert into row_errors
select _ord, cast($key_field as varchar), 'repeats the ' || $key_field || ' of an earlier row'
from repeat_rows;
