-- benchmarks, by month of their period's first day.
create or replace temp view lake_source as
select strftime(period, '%Y-%m') as month, b.* from benchmarks as b
