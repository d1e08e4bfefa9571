-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- Aggregate expressions over scoped_responses (a select list to include; glossary in
-- warehouse/docs/metrics.md). csat_10 <= 4 is "2 or less of 5" and "4 or less of 10".
count(*) as responses,
count(nps) as nps_n,
100.0 * (coalesce(count_if(nps >= 9), 0)::bigint - coalesce(count_if(nps <= 6), 0)::bigint)
    / nullif(count(nps), 0) as nps,
count(ces) as ces_n,
avg(ces) as ces,
coalesce(count_if(nps is not null or csat_10 is not null), 0)::bigint as negative_rate_n,
100.0 * coalesce(count_if(nps <= 6 or csat_10 <= 4), 0)::bigint
    / nullif(coalesce(count_if(nps is not null or csat_10 is not null), 0)::bigint, 0)
    as negative_rate_pct
