-- Competitor and industry benchmark values per metric, touchpoint and competitor, averaged over
-- the periods in [$bench_start, $bench_end) (our own 'us' rows are left out: ours are computed).
select
    lower(trim(metric)) as metric,
    min(trim(touchpoint)) as touchpoint,
    min(trim(competitor)) as competitor,
    avg(value) as value,
    count(*) as periods,
    max(period) as latest_period
from benchmarks
where period >= $bench_start and period < $bench_end
  and lower(trim(competitor)) <> 'us'
group by lower(trim(metric)), lower(trim(touchpoint)), lower(trim(competitor))
order by metric, lower(min(trim(touchpoint))), competitor
