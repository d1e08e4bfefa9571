-- Source rows as read (all text), numbered in file order; repeated header rows and rows with no
-- value at all are dropped here (they are not data). A view: the rows are read where used.
create or replace temp table header_row as select cast($header_cells as varchar[]) as cells;

create or replace temp view raw as
select * exclude (_cells, _any)
from (select rowid as _ord, *, [*COLUMNS(*)] as _cells, coalesce(*COLUMNS(*)) as _any from raw0)
where _any is not null and _cells is distinct from (select cells from header_row);
