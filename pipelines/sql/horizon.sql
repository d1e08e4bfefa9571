-- Dates outside the plausible horizon (before $earliest, or after $latest: a day past the load)
-- are rejected with the reason: one absurd value such as 9999-12-31 would otherwise move every
-- default period and chart. $date_fields are the kind's date/time fields that the file maps.
create temp table if not exists extra_errors (_ord bigint, field varchar, reason varchar);

insert into extra_errors
select _ord, field,
       'date ' || strftime(v, '%Y-%m-%d') || ' is outside the accepted range '
           || strftime(cast($earliest as timestamp), '%Y-%m-%d') || ' … '
           || strftime(cast($latest as timestamp), '%Y-%m-%d')
from (
    unpivot (select _ord, COLUMNS(lambda c: list_contains($date_fields, c))::timestamp from staged)
    on COLUMNS(* exclude (_ord)) into name field value v
)
where v < cast($earliest as timestamp) or v > cast($latest as timestamp);
