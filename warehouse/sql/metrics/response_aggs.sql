-- Aggregate expressions over scoped_responses (a select list to include; glossary in
-- warehouse/docs/metrics.md). csat_10 <= 4 is "2 or less of 5" and "4 or less of 10".
count(*) as responses,
count(nps) as nps_n,
100.0 * (count(*) filter (where nps >= 9) - count(*) filter (where nps <= 6))
    / nullif(count(nps), 0) as nps,
count(ces) as ces_n,
avg(ces) as ces,
count(*) filter (where nps is not null or csat_10 is not null) as negative_rate_n,
100.0 * count(*) filter (where nps <= 6 or csat_10 <= 4)
    / nullif(count(*) filter (where nps is not null or csat_10 is not null), 0)
    as negative_rate_pct
