-- Each reject reason with its source row as JSON keyed by the file's headers, and for a repeated
-- key the row it repeats (`repeat_of`, the stager turns it into a line number).
select e._ord, e.field, e.reason, rr.first_ord as repeat_of,
       to_json(map_from_entries(list_transform(list_zip($headers, r._cells),
                                               lambda x: {'k': x[1], 'v': x[2]}))) as raw
from row_errors as e
join (select _ord, [*COLUMNS(* exclude (_ord))] as _cells from raw) as r using (_ord)
left join repeat_rows as rr using (_ord)
order by e._ord, e.field;
