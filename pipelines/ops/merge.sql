-- ops merge, inside the load's transaction: compare the staged rows (`incoming`) with the
-- warehouse by natural key, keep before-images of rows that change, replace changed rows and add
-- new ones. Identical rows are left alone (counted as duplicates). `cmp` holds only the keys that
-- already exist, so a load of new rows stays a plain insert.
create or replace temp table cmp as
select t._tkey as _key, i._hash, t._old_hash, t._first
from (
    select concat_ws('|', cast(date as varchar), metric, channel, region, product) as _tkey, first_batch_id as _first,
           hash(struct_pack(*COLUMNS(lambda c: list_contains($content, c)))) as _old_hash
    from ops_metrics
    where concat_ws('|', cast(date as varchar), metric, channel, region, product) in (select _key from incoming)
) as t
join incoming as i on i._key = t._tkey;

insert into batch_history
select $batch_id, 'ops', concat_ws('|', cast(date as varchar), metric, channel, region, product), to_json(t)
from ops_metrics as t
where concat_ws('|', cast(date as varchar), metric, channel, region, product) in (select _key from cmp where _old_hash <> _hash);

delete from ops_metrics where concat_ws('|', cast(date as varchar), metric, channel, region, product) in (select _key from cmp where _old_hash <> _hash);

insert into ops_metrics by name
select i.* exclude (_ord, _key, _hash), $batch_id as batch_id, coalesce(c._first, $batch_id) as first_batch_id
from incoming as i
left join cmp as c using (_key)
where c._key is null or c._old_hash <> c._hash;

select (select count(*) from incoming) - count(*) as loaded,
       count(*) filter (where _old_hash <> _hash) as updated,
       count(*) filter (where _old_hash = _hash) as same
from cmp;
