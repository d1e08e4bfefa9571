-- Complaints per period and scope value ($dim: '' for company-wide, or product, channel,
-- region, touchpoint, category), on the rows of the audience's scope ($scoped: a department
-- head's). Empty periods are filled with 0 by the caller. With $since (a period start) only the
-- periods from there on are counted: a filter on the time column, so DuckDB skips the row groups
-- of older tickets (the monitor's read after a load, see warehouse/alerting/incremental.py).
with tickets as (
    select
        date_trunc($grain, c.created_at) as period_start,
-- @include parts/rules/complaint_scope_value.sql
    from complaints as c
    where ($since is null or c.created_at >= $since)
      and
-- @include parts/scoped/viewer_scope.sql
),
final as (
    select
        period_start,
        lower(trim(scope_value)) as scope_key,
        min(trim(scope_value)) as scope_value,
        count(*) as count
    from tickets
    where scope_value is not null and ($dim = '' or trim(scope_value) <> '')
    group by 1, 2
)
select * from final order by scope_key, period_start
