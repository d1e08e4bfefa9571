-- provides: a select list (inside select … from)
-- needs: no other CTE; parameter $unsolved_statuses
-- A ticket's answer and resolution times (a select list to include over complaints rows):
-- minutes from creation to the first response, hours to the resolution, null while there is
-- none. parts/metrics/duration_aggs.sql aggregates them.
(epoch(first_response_at) - epoch(created_at)) / 60.0 as frt_minutes,
-- An unsolved ticket (status in $unsolved_statuses) has no resolution time, whatever its
-- resolution column says (staging/complaint_tallies.sql counts it as unresolved too).
case
    when coalesce(list_contains($unsolved_statuses, lower(trim(status))), false) then null
    else (epoch(resolved_at) - epoch(created_at)) / 3600.0
end as resolution_hours
