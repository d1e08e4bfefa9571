-- Per score (nps, csat on 10 points, ces): n, quartiles, box-plot fences and outlier count.
with
-- @include parts/scoped/responses.sql
,
-- @include parts/staging/score_outliers.sql
select 'nps' as score, count(nps) as n, any_value(b.nps_q1) as q1, any_value(b.nps_q3) as q3,
       coalesce(count_if(nps_outlier), 0)::bigint as outliers
from flagged_responses cross join score_bounds as b
union all
select 'csat_10', count(csat_10), any_value(b.csat_q1), any_value(b.csat_q3),
       coalesce(count_if(csat_outlier), 0)::bigint
from flagged_responses cross join score_bounds as b
union all
select 'ces', count(ces), any_value(b.ces_q1), any_value(b.ces_q3),
       coalesce(count_if(ces_outlier), 0)::bigint
from flagged_responses cross join score_bounds as b
