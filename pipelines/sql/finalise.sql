-- Shared staging step: every reject reason, per source row.
create temp table if not exists extra_errors (_ord bigint, field varchar, reason varchar);

create temp table if not exists load_notes (field varchar, n bigint, note varchar);

create or replace temp table row_errors as
select _ord, e.field as field, e.reason as reason
from (select _ord, unnest(errors) as e from (select _ord, errors from staged) where len(errors) > 0)
union all
select _ord, field, reason from extra_errors;
