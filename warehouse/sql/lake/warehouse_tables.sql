-- The tables of the warehouse file attached as `warehouse` (storage/db.py, serving from marts):
-- each gets a view of its name unless the marts hold it.
select table_name as name
from information_schema.tables
where table_catalog = 'warehouse' and table_schema = 'main'
order by 1
