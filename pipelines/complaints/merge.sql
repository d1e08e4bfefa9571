-- complaints merge, inside the load's transaction: compare staged rows (`incoming`) with the
-- warehouse by natural key, keep before-images of rows that change, replace changed rows and add
-- new ones. Identical rows are left alone (counted as duplicates).
create or replace temp table cmp as
select i._key, i._hash, t._old_hash, t._first
from incoming as i
left join (
    select ticket_id as _tkey, first_batch_id as _first,
           hash(struct_pack(*COLUMNS(lambda c: list_contains($content, c)))) as _old_hash
    from complaints
    where ticket_id in (select _key from incoming)
) as t on t._tkey = i._key;

insert into batch_history
select $batch_id, 'complaints', ticket_id, to_json(t)
from complaints as t
where ticket_id in (select _key from cmp where _old_hash <> _hash);

delete from complaints where ticket_id in (select _key from cmp where _old_hash <> _hash);

insert into complaints by name
select i.* exclude (_ord, _key, _hash), $batch_id as batch_id, coalesce(c._first, $batch_id) as first_batch_id
from incoming as i
join cmp as c using (_key)
where c._old_hash is null or c._old_hash <> c._hash;

select count(*) filter (where _old_hash is null) as loaded,
       count(*) filter (where _old_hash <> _hash) as updated,
       count(*) filter (where _old_hash = _hash) as same
from cmp;
