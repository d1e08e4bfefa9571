-- Benchmark values per period (first day), competitor, metric and touchpoint, lower-cased.
with final as (
    select
        date_trunc($grain, period) as period_start,
        lower(trim(competitor)) as competitor,
        lower(trim(metric)) as metric,
        lower(trim(touchpoint)) as touchpoint,
        avg(value) as value
    from benchmarks
    group by 1, 2, 3, 4
)
select * from final order by metric, touchpoint, competitor, period_start
