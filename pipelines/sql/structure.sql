-- Column names and types of a warehouse table, to read before-images back (json_transform).
select column_name, data_type
from information_schema.columns
where table_name = $table and table_schema = 'main'
order by ordinal_position;
