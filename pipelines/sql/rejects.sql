-- Each reject reason with its source row as JSON keyed by the file's headers.
select e._ord, e.field, e.reason,
       to_json(map_from_entries(list_transform(list_zip($headers, r._cells),
                                               lambda x: {'k': x[1], 'v': x[2]}))) as raw
from row_errors as e
join (select _ord, [*COLUMNS(* exclude (_ord))] as _cells from raw) as r using (_ord)
order by e._ord, e.field;
