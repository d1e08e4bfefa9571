-- Every filter value inside the viewer's scope: rows of (field, value), one per value
-- case-insensitively (the value as written). Reads filter_values, which every load and undo keeps
-- (warehouse/sql/derived/values_*.sql): each value with the channels and regions it occurs
-- with, so the viewer's scope applies as it would to the rows themselves. No filter request
-- applies.
select c.field, min(trim(c.value)) as value
from filter_values as c
where
-- @include parts/scoped/viewer_scope.sql
group by c.field, lower(trim(c.value))
order by c.field, lower(min(trim(c.value)))
