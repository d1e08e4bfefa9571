-- Wide surveys: one value per response and touchpoint column (empty cells are no rating).
create or replace temp table rating_values as
select _ord, substr(tp, 8) as touchpoint, v
from (unpivot (select _ord, COLUMNS('^rating:') from raw) on COLUMNS('^rating:') into name tp value v);
