-- The clean-file read did not fit: drop it before the full path writes its own hand-off table.
drop table if exists handoff.incoming;
