-- Complaints inside the filter request and the viewer's scope (a CTE to include after `with`).
-- A segment filter matches tickets whose customer is in that segment (tickets carry no segment).
scoped_complaints as not materialized (
    select c.*
    from complaints as c
    where ($start is null or c.created_at >= $start)
      and ($end is null or c.created_at < $end)
      and (len($channels) = 0 or list_contains($channels, lower(trim(c.channel))))
      and (len($regions) = 0 or list_contains($regions, lower(trim(c.region))))
      and (len($touchpoints) = 0 or list_contains($touchpoints, lower(trim(c.touchpoint))))
      and (len($categories) = 0 or list_contains($categories, lower(trim(c.category))))
      and (len($severities) = 0 or list_contains($severities, lower(trim(c.severity))))
      and (
          len($segments) = 0
          or c.customer_id in (
              select s.customer_id from customers as s
              where len($segments) > 0 and list_contains($segments, lower(trim(s.segment)))
          )
      )
      and (
          not $scoped
          or (
              len($scope_channels) + len($scope_regions) > 0
              and (len($scope_channels) = 0 or list_contains($scope_channels, lower(trim(c.channel))))
              and (len($scope_regions) = 0 or list_contains($scope_regions, lower(trim(c.region))))
          )
      )
)
