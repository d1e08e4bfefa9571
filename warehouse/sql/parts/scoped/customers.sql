-- provides: CTEs scoped_customers (entries of a WITH list)
-- needs: no other CTE; parameters $channels, $regions, $scope_channels, $scope_regions, $scoped, $segments
-- CRM customers inside the filter request's channel/region/segment and the viewer's scope
-- (a CTE to include after `with`). Dates, touchpoints, categories and severities do not apply.
scoped_customers as (
    select c.*
    from customers as c
    where (len($channels) = 0 or list_contains($channels, lower(trim(c.channel))))
      and (len($regions) = 0 or list_contains($regions, lower(trim(c.region))))
      and (len($segments) = 0 or list_contains($segments, lower(trim(c.segment))))
      and (
          not $scoped
          or (
              len($scope_channels) + len($scope_regions) > 0
              and (len($scope_channels) = 0 or list_contains($scope_channels, lower(trim(c.channel))))
              and (len($scope_regions) = 0 or list_contains($scope_regions, lower(trim(c.region))))
          )
      )
)
