-- A clean file has no rejects; the write step still expects the (empty) table.
create table handoff.reject_rows (line_no bigint, field varchar, reason varchar, raw varchar);
