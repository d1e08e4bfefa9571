-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- A ticket's answer and resolution times (a select list to include over complaints rows):
-- minutes from creation to the first response, hours to the resolution, null while there is
-- none. parts/metrics/duration_aggs.sql aggregates them.
(epoch(first_response_at) - epoch(created_at)) / 60.0 as frt_minutes,
(epoch(resolved_at) - epoch(created_at)) / 3600.0 as resolution_hours
