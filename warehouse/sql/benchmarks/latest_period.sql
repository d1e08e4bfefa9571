-- The newest benchmark period (the comparison window when no date filter is given).
select max(period) as latest_period from benchmarks where lower(trim(competitor)) <> 'us'
