-- Open tickets (not resolved, status not closed) with the SLA clock that runs for each at
-- $as_of: until the first answer the response clock (shorter for urgent severities), after it
-- the resolution clock (longer for complex or escalated tickets); warehouse/docs/metrics.md
-- defines the clocks. seconds_left < 0 means overdue by that long. Most urgent first.
with
-- @include parts/scoped/complaints.sql
,
keyed as (
    select
        *,
        -- @include parts/staging/ticket_flags.sql
    from scoped_complaints
),
clocked as (
    select
        ticket_id,
        created_at,
        customer_id,
        channel,
        region,
        touchpoint,
        category,
        severity,
        status,
        first_response_at is null as awaiting_response,
        epoch(created_at)
            + case
                when first_response_at is null and is_urgent then $urgent_response_seconds
                when first_response_at is null then $response_seconds
                when is_complex then $complex_progress_seconds
                else $simple_resolution_seconds
            end
            - epoch($as_of) as seconds_left,
        description
    from keyed
    where resolved_at is null and not is_closed
)
select *
from clocked
order by seconds_left, created_at, ticket_id
limit $limit
