-- Company-wide handling figures per period: median first response (minutes) and the
-- first-contact resolution count as the metric glossary defines it (warehouse/docs/metrics.md,
-- fcr_pct): resolved, not escalated, and resolved within 24 h of creation or no later than the
-- first response.
with tickets as (
    select
        date_trunc($grain, created_at) as period_start,
        (epoch(first_response_at) - epoch(created_at)) / 60.0 as frt_minutes,
        resolved_at is not null
            and not coalesce(escalated, false)
            and (
                epoch(resolved_at) - epoch(created_at) <= 86400
                or (first_response_at is not null and resolved_at <= first_response_at)
            ) as first_contact_resolved
    from complaints
),
final as (
    select
        period_start,
        '' as scope_key,
        '' as scope_value,
        quantile_cont(frt_minutes, 0.5) as frt_median_minutes,
        count(frt_minutes) as frt_n,
        coalesce(count_if(first_contact_resolved), 0)::bigint as fcr_count,
        count(*) as n
    from tickets
    group by 1
)
select * from final order by period_start
