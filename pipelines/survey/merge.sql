-- survey merge, inside the load's transaction: compare staged responses (with their ratings) with
-- the warehouse by response_id, keep before-images of what changes, replace changed responses and
-- their ratings, add new ones. Identical responses are left alone (counted as duplicates).
create or replace temp table cmp as
select t._tkey as _key, i._hash, t._old_hash, t._first
from (
    select h._tkey, h._first, hash(h._h, coalesce(s.sig, '')) as _old_hash
    from (
        select response_id as _tkey, first_batch_id as _first,
               hash(struct_pack(*COLUMNS(lambda c: list_contains($content, c)))) as _h
        from survey_responses
        where response_id in (select _key from incoming)
    ) as h
    left join (
        select response_id,
               string_agg(touchpoint || '=' || rating || '/' || scale, '|' order by touchpoint, rating) as sig
        from survey_ratings
        where response_id in (select _key from incoming)
        group by response_id
    ) as s on s.response_id = h._tkey
) as t
join incoming as i on i._key = t._tkey;

insert into batch_history
select $batch_id, 'survey', response_id, to_json(t)
from survey_responses as t
where response_id in (select _key from cmp where _old_hash <> _hash);

insert into batch_history
select $batch_id, 'survey_ratings', response_id, to_json(r)
from survey_ratings as r
where response_id in (select _key from cmp where _old_hash <> _hash);

-- What the file does not carry stays as it was: the stored values of the fields that are not
-- content (a file without a column for them) come back with the changed row.
create or replace temp table kept as
select response_id as _kept_key,
       COLUMNS(lambda c: c = 'batch_id'
                         or (not list_contains($content, c) and c not in ('first_batch_id', 'response_id')))
from survey_responses
where response_id in (select _key from cmp where _old_hash <> _hash);

delete from survey_responses where response_id in (select _key from cmp where _old_hash <> _hash);

delete from survey_ratings
where response_id in (select _key from incoming)
  and response_id not in (select _key from cmp where _old_hash = _hash);

insert into survey_responses by name
-- @include sql/merge_insert.sql

insert into survey_ratings by name
select r.*, $batch_id as batch_id
from incoming_ratings as r
left join cmp as c on c._key = r.response_id
where c._key is null or c._old_hash <> c._hash;

-- @include sql/merge_counts.sql
