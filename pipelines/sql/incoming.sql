-- The rows for the warehouse: valid rows only; when a key repeats inside the file the first row
-- is kept and the others are rejects (sql/repeats.sql). Placeholders' raw text (sql/markers.sql)
-- joins the row's `extra`. Each row has a content hash the merge compares with the same hash of
-- the stored row, over the columns the file carries ($content; a view cannot take parameters, so
-- through a variable). A view: evaluated once.
set variable cx_content = cast($content as varchar[]);

create or replace temp view incoming as
select *, hash(struct_pack(*COLUMNS(lambda c: list_contains(getvariable('cx_content'), c)))) as _hash
from (
    select s.* exclude (errors) replace (
               case when m._ord is null then s.extra
                    else json_merge_patch(coalesce(s.extra, '{}'), json_object('missing_as_written', m.kept))
               end as extra)
    from staged as s
    left join markers as m using (_ord)
    where s._ord not in (select _ord from row_errors)
);
