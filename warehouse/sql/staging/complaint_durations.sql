-- Each scoped ticket with its answer and resolution times (a CTE; needs scoped/complaints.sql
-- before it): minutes from creation to the first response, hours to the resolution, null while
-- there is none. metrics/duration_aggs.sql aggregates them.
complaint_durations as (
    select
        *,
        (epoch(first_response_at) - epoch(created_at)) / 60.0 as frt_minutes,
        (epoch(resolved_at) - epoch(created_at)) / 3600.0 as resolution_hours
    from scoped_complaints
)
