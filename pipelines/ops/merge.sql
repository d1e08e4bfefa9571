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

-- What the file does not carry stays as it was: the stored values of the fields that are not
-- content (a file without a column for them) come back with the changed row.
create or replace temp table kept as
select concat_ws('|', cast(date as varchar), metric, channel, region, product) as _kept_key,
       COLUMNS(lambda c: c = 'batch_id'
                         or (not list_contains($content, c) and c not in ('first_batch_id', 'date', 'metric', 'channel', 'region', 'product')))
from ops_metrics
where concat_ws('|', cast(date as varchar), metric, channel, region, product) in (select _key from cmp where _old_hash <> _hash);

delete from ops_metrics where concat_ws('|', cast(date as varchar), metric, channel, region, product) in (select _key from cmp where _old_hash <> _hash);

insert into ops_metrics by name
-- @include sql/merge_insert.sql

-- @include sql/merge_counts.sql
