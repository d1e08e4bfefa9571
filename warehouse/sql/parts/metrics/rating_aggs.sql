-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- Aggregate expressions over scoped_ratings: CSAT top-2-box % (4-5 of 5, 9-10 of 10) and the
-- mean on the 10-point scale (a select list to include).
count(*) as csat_n,
100.0 * coalesce(count_if(
    (scale = 5 and rating >= 4) or (scale = 10 and rating >= 9)
), 0)::bigint / nullif(count(*), 0) as csat_pct,
avg(rating_10) as csat_mean
