-- The next batch id (taken inside the load's transaction).
select nextval('batch_id_seq');
