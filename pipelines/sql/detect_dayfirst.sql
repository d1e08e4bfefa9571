-- Day-first or month-first? The largest first and second numbers of d/m/yyyy-like values, and
-- how many values would read differently either way.
select max(try_cast(p.a as integer)) as first_max,
       max(try_cast(p.b as integer)) as second_max,
       count(*) filter (where p.a <> '' and try_cast(p.a as integer) <> try_cast(p.b as integer)) as differing,
       min(v) filter (where p.a <> '' and try_cast(p.a as integer) <> try_cast(p.b as integer)) as example
from (
    select v, regexp_extract(trim(v), '^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}', ['a', 'b']) as p
    from (unpivot (select COLUMNS($date_columns) from raw) on COLUMNS(*) into name f value v)
    -- only values that start with a one- or two-digit number and a separator can be d/m or m/d
    where substr(v, 2, 1) in ('/', '.', '-') or substr(v, 3, 1) in ('/', '.', '-')
);
