-- Touchpoint ratings: wide columns plus a long survey's own touchpoint/csat pair.
-- 0 means "not applicable" where the profile says so: neither a rating nor an error.
create or replace temp table extra_errors as
select _ord, 'rating:' || touchpoint as field, reason
from (
    select _ord, touchpoint,
        case
            when cx_missing(v) then null
            when cx_num(v) is null then 'not a number: ' || left(v, 60)
            when cx_num(v) = 0 and $zero_is_na then null
            when cx_num(v) < 1 or cx_num(v) > $rating_scale
                then 'out of range 1..' || $rating_scale || ': ' || trim(v)
        end as reason
    from rating_values
)
where reason is not null;

create or replace temp table ratings as
select s._ord, s.response_id, r.touchpoint, cx_num(r.v) as rating, cast($rating_scale as integer) as scale,
       cx_num(r.v) * 10.0 / $rating_scale as rating_10
from rating_values as r
join staged as s using (_ord)
where cx_num(r.v) between 1 and $rating_scale
union all
select _ord, response_id, touchpoint, csat, csat_scale, csat_10
from staged
where touchpoint is not null and csat is not null;
