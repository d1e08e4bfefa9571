-- provides: a predicate (inside a where clause)
-- needs: no other CTE; parameters $categories, $channels, $end, $regions, $segments, $severities, $start, $touchpoints
-- The filter request's conditions on a complaints row `c` (dates, channel, region, touchpoint,
-- category, severity, segment via the customer), without the viewer's scope. Included inside a
-- where clause by parts/scoped/complaints.sql and parts/scoped/complaints_history.sql.
    ($start is null or c.created_at >= $start)
    and ($end is null or c.created_at < $end)
    and (len($channels) = 0 or list_contains($channels, lower(trim(c.channel))))
    and (len($regions) = 0 or list_contains($regions, lower(trim(c.region))))
    and (len($touchpoints) = 0 or list_contains($touchpoints, lower(trim(c.touchpoint))))
    and (len($categories) = 0 or list_contains($categories, lower(trim(c.category))))
    and (len($severities) = 0 or list_contains($severities, lower(trim(c.severity))))
-- @when segments
    and c.customer_id in (
        select s.customer_id from customers as s
        where list_contains($segments, lower(trim(s.segment)))
    )
-- @end
