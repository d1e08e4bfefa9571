-- One row per scoped ticket with its durations and SLA outcomes (a CTE; needs
-- scoped/complaints.sql before it). Glossary: warehouse/docs/metrics.md.
-- SLA limits are in seconds; an outcome is 'met', 'breach', 'pending' (not due yet, no answer)
-- or null (closed with no timestamp to judge by). $as_of is the moment open tickets are judged
-- at (marts/complaints_as_of.sql: the data's newest timestamp, unless the caller gives one).
complaint_keys as (
    select
        *,
        lower(trim(severity)) as severity_key,
        lower(trim(status)) as status_key,
        (epoch(first_response_at) - epoch(created_at)) / 60.0 as frt_minutes,
        (epoch(resolved_at) - epoch(created_at)) / 3600.0 as resolution_hours,
        epoch(coalesce(first_response_at, resolved_at)) - epoch(created_at) as contact_seconds,
        epoch($as_of) - epoch(created_at) as open_seconds
    from scoped_complaints
),
complaint_base as (
    select
        *,
        coalesce(list_contains($urgent_severities, severity_key), false) as is_urgent,
        coalesce(list_contains($complex_severities, severity_key), false)
            or coalesce(escalated, false) as is_complex,
        coalesce(list_contains($closed_statuses, status_key) or status_key like 'closed%', false)
            as is_closed
    from complaint_keys
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
                resolution_hours * 3600 <= $first_contact_seconds
                or (first_response_at is not null and resolved_at <= first_response_at)
            ) as first_contact_resolved
    from complaint_limits
)
