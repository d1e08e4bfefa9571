-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- Response and resolution times over parts/staging/duration_columns.sql's columns (a select list to
-- include). Median and p90 come as one [p50, p90] list per duration (one sort each);
-- warehouse.kpi.metrics splits them.
count(frt_minutes) as frt_n,
quantile_cont(frt_minutes, [0.5, 0.9]) as frt_quantiles,
count(resolution_hours) as resolution_n,
quantile_cont(resolution_hours, [0.5, 0.9]) as resolution_quantiles
