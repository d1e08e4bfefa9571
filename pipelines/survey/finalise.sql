-- A response's content includes its ratings, so a changed rating makes the response "updated".
create or replace temp table incoming_rows as select * from incoming;

create or replace temp table incoming_ratings as
select r.response_id, r.touchpoint, r.rating, r.scale, r.rating_10
from ratings as r
join incoming_rows as i using (_ord);

create or replace temp view incoming as
select i.* exclude (_hash), hash(i._hash, coalesce(s.sig, '')) as _hash
from incoming_rows as i
left join (
    select response_id,
           string_agg(touchpoint || '=' || rating || '/' || scale, '|' order by touchpoint, rating) as sig
    from incoming_ratings
    group by response_id
) as s on s.response_id = i._key;
