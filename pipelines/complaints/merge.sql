-- complaints merge, inside the load's transaction: compare the staged rows (`incoming`) with the
-- warehouse by natural key, keep before-images of rows that change, replace changed rows and add
-- new ones. Identical rows are left alone (counted as duplicates). Content hashes are computed
-- only for keys that already exist (`overlap`).
create or replace temp table overlap as
select t.ticket_id as _key
from complaints as t
join incoming as i on i.ticket_id = t.ticket_id;

create or replace temp table cmp as
select t._tkey as _key, i._new_hash as _hash, t._old_hash, t._first
from (
    select ticket_id as _tkey, first_batch_id as _first,
           hash(struct_pack(*COLUMNS(lambda c: list_contains($content, c)))) as _old_hash
    from complaints
    where ticket_id in (select _key from overlap)
) as t
join (
    select ticket_id as _ikey, hash(struct_pack(*COLUMNS(lambda c: list_contains($content, c)))) as _new_hash
    from incoming
    where ticket_id in (select _key from overlap)
) as i on i._ikey = t._tkey;

insert into batch_history
select $batch_id, 'complaints', ticket_id, to_json(t)
from complaints as t
where ticket_id in (select _key from cmp where _old_hash <> _hash);

-- What the file does not carry stays as it was: the stored values of the fields that are not
-- content (a file without a column for them) come back with the changed row.
create or replace temp table kept as
select ticket_id as _kept_key,
       COLUMNS(lambda c: c = 'batch_id'
                         or (not list_contains($content, c) and c not in ('first_batch_id', 'ticket_id')))
from complaints
where ticket_id in (select _key from cmp where _old_hash <> _hash);

delete from complaints where ticket_id in (select _key from cmp where _old_hash <> _hash);

-- Changed rows come back with this batch; new keys are added by insert_new.sql or, when no
-- key was already in the warehouse, by insert_all.sql (a plain insert DuckDB runs in parallel).
insert into complaints by name
select i.*, k.* exclude (_kept_key, batch_id), $batch_id as batch_id, c._first as first_batch_id
from (select COLUMNS(lambda c: list_contains($content, c)) from incoming) as i
join cmp as c on c._key = i.ticket_id
left join kept as k on k._kept_key = i.ticket_id
where c._old_hash <> c._hash;

-- @include sql/merge_counts.sql
