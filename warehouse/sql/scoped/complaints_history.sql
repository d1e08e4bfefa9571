-- Every complaint the viewer may see from $hist_start to $end, whatever the other filters:
-- a ticket's repeat flag depends on the customer's earlier tickets, not on the filter request.
scoped_complaints_history as not materialized (
    select c.*
    from complaints as c
    where ($hist_start is null or c.created_at >= $hist_start)
      and ($end is null or c.created_at < $end)
      and (
          not $scoped
          or (
              len($scope_channels) + len($scope_regions) > 0
              and (len($scope_channels) = 0 or list_contains($scope_channels, lower(trim(c.channel))))
              and (len($scope_regions) = 0 or list_contains($scope_regions, lower(trim(c.region))))
          )
      )
)
