-- provides: CTEs complaint_tallies, complaint_tally_keys, complaint_outcomes (entries of a WITH list)
-- needs: CTEs tally_input; parameters $as_of, $closed_statuses, $complex_progress_seconds, $complex_severities, $first_contact_seconds, $response_seconds, $simple_resolution_seconds, $unsolved_statuses, $urgent_response_seconds, $urgent_severities
-- The one definition of the SLA and first-contact outcomes: counts per group without a string
-- operation per ticket (CTEs; need a CTE `tally_input` before them: scoped complaints with a
-- `group_key` column, any type). Counted in two steps:
--   complaint_tallies: per group_key and the stored severity, status and escalation flag, how
--     many tickets were answered (resolved) within each possible clock, and how many unanswered
--     (unresolved) ones are past each clock at $as_of: numbers compared per ticket, no text;
--   complaint_outcomes: per tally row, the clock that applies (urgent or not, complex or not,
--     closed or not, decided once per severity and status as written) picks its counts as met,
--     breach and pending. Glossary: warehouse/docs/metrics.md.
complaint_tallies as (
    select
        group_key,
        severity,
        status,
        escalated,
        count(*) as tickets,
        count(contact_s) as contacted,
        coalesce(count_if(contact_s <= $urgent_response_seconds), 0)::bigint as contacted_in_urgent,
        coalesce(count_if(contact_s <= $response_seconds), 0)::bigint as contacted_in_normal,
        coalesce(count_if(contact_s is null and open_s > $urgent_response_seconds), 0)::bigint
            as silent_past_urgent,
        coalesce(count_if(contact_s is null and open_s > $response_seconds), 0)::bigint
            as silent_past_normal,
        count(resolution_s) as resolved,
        coalesce(count_if(resolution_s <= $simple_resolution_seconds), 0)::bigint as resolved_in_simple,
        coalesce(count_if(resolution_s <= $complex_progress_seconds), 0)::bigint as resolved_in_complex,
        coalesce(count_if(resolution_s is null and open_s > $simple_resolution_seconds), 0)::bigint
            as open_past_simple,
        coalesce(count_if(resolution_s is null and open_s > $complex_progress_seconds), 0)::bigint
            as open_past_complex,
        -- first contact: resolved within a working day (or at the first answer), not handed on
        coalesce(count_if(
            resolution_s is not null
            and (resolution_s <= $first_contact_seconds or resolved_at <= first_response_at)
        ), 0)::bigint as resolved_first_contact
    from (
        select
            group_key,
            severity,
            status,
            escalated,
            solved_at as resolved_at,
            first_response_at,
            epoch(coalesce(first_response_at, solved_at)) - epoch(created_at) as contact_s,
            epoch(solved_at) - epoch(created_at) as resolution_s,
            epoch($as_of) - epoch(created_at) as open_s
        from (
            -- an unsolved ticket (status open, pending, on hold, new …) is not resolved whatever
            -- its resolution column says: never resolved, within SLA or first-contact resolved
            select
                *,
                case
                    when coalesce(list_contains($unsolved_statuses, lower(trim(status))), false) then null
                    else resolved_at
                end as solved_at
            from tally_input
        )
    )
    group by all
),
complaint_tally_keys as (
    select
        *,
        -- @include parts/staging/ticket_flags.sql
    from complaint_tallies
),
complaint_outcomes as (
    select
        group_key,
        severity,
        escalated,
        is_urgent,
        tickets,
        contacted as timed,
        response_met,
        contacted - response_met
            + case when is_closed then 0 else silent_past end as response_breach,
        case when is_closed then 0 else tickets - contacted - silent_past end as response_pending,
        resolution_met,
        resolved - resolution_met
            + case when is_closed then 0 else open_past end as resolution_breach,
        case when is_closed then 0 else tickets - resolved - open_past end as resolution_pending,
        case when coalesce(escalated, false) then 0 else resolved_first_contact end
            as first_contact_resolved
    from (
        select
            *,
            case when is_urgent then contacted_in_urgent else contacted_in_normal end
                as response_met,
            case when is_urgent then silent_past_urgent else silent_past_normal end
                as silent_past,
            case when is_complex then resolved_in_complex else resolved_in_simple end
                as resolution_met,
            case when is_complex then open_past_complex else open_past_simple end as open_past
        from complaint_tally_keys
    )
)
