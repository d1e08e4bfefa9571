-- Source rows as read (all text), numbered in file order; repeated header rows and rows with no
-- value at all are dropped here (they are not data).
create or replace table raw as
select * exclude (_cells)
from (select rowid as _ord, *, [*COLUMNS(*)] as _cells from raw0)
where _cells is distinct from $header_cells
  and len(list_filter(_cells, lambda x: x is not null and trim(x) <> '')) > 0;
