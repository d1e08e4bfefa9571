-- Values stored as missing because they are placeholders ('-', 'N/A', '1900-01-01', '无' …): the
-- raw text of each, per source row, as JSON keyed by field. sql/incoming.sql keeps it in the row's
-- `extra` under "missing_as_written", so nothing the file said is lost. $marker_fields are the
-- mapped fields in the raw table's column order, $marker_text whether each is a text field (text
-- keeps 'NA' or 'None' as written; numbers, dates and yes/no do not).
create or replace temp table markers as
with vals as (
    select _ord, [*COLUMNS(lambda c: list_contains($marker_fields, c))] as vals
    from raw
),
found as (
    select _ord, list_transform(list_filter(
        list_zip(cast($marker_fields as varchar[]), cast($marker_text as boolean[]), vals),
        lambda e: e[3] is not null and trim(e[3]) <> ''
                  and ((e[2] and cx_marker(e[3])) or (not e[2] and cx_missing(e[3])))),
        lambda e: {'k': e[1], 'v': e[3]}) as kept
    from vals
)
select _ord, to_json(map_from_entries(kept)) as kept
from found
where len(kept) > 0;
