-- One benchmark metric per period and competitor for a touchpoint ('' = overall), in
-- [$bench_start, $bench_end); either bound may be null.
select
    period,
    min(trim(competitor)) as competitor,
    avg(value) as value
from benchmarks
where lower(trim(metric)) = $metric
  and lower(trim(touchpoint)) = $touchpoint
  and ($bench_start is null or period >= $bench_start)
  and ($bench_end is null or period < $bench_end)
  and lower(trim(competitor)) <> 'us'
group by period, lower(trim(competitor))
order by period, competitor
