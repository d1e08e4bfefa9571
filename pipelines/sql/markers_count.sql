-- Rows with a placeholder stored as missing (for the load's notes and whether `extra` is content).
select count(*) from markers;
