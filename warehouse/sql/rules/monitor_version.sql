-- What the monitor watches between cycles: loads and undos (any process), rule edits and the
-- department heads' scopes. Small tables only: it is read every second.
select
    (select count(*) from batches) as batches,
    (select max(batch_id) from batches) as latest_batch,
    (select max(coalesce(undone_at, finished_at, started_at)) from batches) as last_change_at,
    (select count(*) from batches where status = 'undone') as undone,
    (select max(updated_at) from rules) as rules_changed_at,
    (select count(*) from rules where enabled) as rules_enabled,
    (select sum(hash(name, channels, regions)) from users where role = 'dept_head') as heads
