-- One row per scoped ticket with its durations and SLA outcomes (a CTE; needs
-- scoped/complaints.sql before it). Glossary: warehouse/docs/metrics.md.
-- sla limits are in seconds; an outcome is 'met', 'breach', 'pending' (not due yet, no answer)
-- or null (closed with no timestamp to judge by).
complaint_as_of as (
    select coalesce(
        $as_of,
        (select greatest(max(created_at), max(first_response_at), max(resolved_at)) from complaints)
    ) as as_of
),
complaint_base as (
    select
        c.*,
        list_contains($urgent_severities, lower(trim(c.severity))) as is_urgent,
        list_contains($complex_severities, lower(trim(c.severity))) or coalesce(c.escalated, false)
            as is_complex,
        list_contains($closed_statuses, lower(trim(c.status)))
            or lower(trim(c.status)) like 'closed%' as is_closed,
        (epoch(c.first_response_at) - epoch(c.created_at)) / 60.0 as frt_minutes,
        (epoch(c.resolved_at) - epoch(c.created_at)) / 3600.0 as resolution_hours,
        epoch(coalesce(c.first_response_at, c.resolved_at)) - epoch(c.created_at) as contact_seconds,
        epoch(a.as_of) - epoch(c.created_at) as open_seconds
    from scoped_complaints as c
    cross join complaint_as_of as a
),
complaint_limits as (
    select
        *,
        case when is_urgent then $urgent_response_seconds else $response_seconds end
            as response_limit_s,
        case when is_complex then $complex_progress_seconds else $simple_resolution_seconds end
            as resolution_limit_s
    from complaint_base
),
complaint_facts as (
    select
        *,
        case
            when contact_seconds is not null and contact_seconds <= response_limit_s then 'met'
            when contact_seconds is not null then 'breach'
            when is_closed then null
            when open_seconds > response_limit_s then 'breach'
            else 'pending'
        end as response_sla,
        case
            when resolution_hours is not null and resolution_hours * 3600 <= resolution_limit_s
                then 'met'
            when resolution_hours is not null then 'breach'
            when is_closed then null
            when open_seconds > resolution_limit_s then 'breach'
            else 'pending'
        end as resolution_sla,
        resolved_at is not null
            and not coalesce(escalated, false)
            and (
                resolution_hours * 3600 <= response_limit_s
                or (first_response_at is not null and resolved_at <= first_response_at)
            ) as first_contact_resolved
    from complaint_limits
)
