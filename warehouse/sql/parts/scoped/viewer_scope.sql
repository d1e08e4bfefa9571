-- provides: a predicate (inside a where clause)
-- needs: no other CTE; parameters $scope_channels, $scope_regions
-- The viewer's scope on a row `c` that has channel and region: a dept_head sees it only inside
-- their channels and/or regions (with neither, nothing); anyone else sees every row. Included
-- inside a where clause.
-- @when scoped
    (
        len($scope_channels) + len($scope_regions) > 0
        and (len($scope_channels) = 0 or list_contains($scope_channels, lower(trim(c.channel))))
        and (len($scope_regions) = 0 or list_contains($scope_regions, lower(trim(c.region))))
    )
-- @end
-- @when not scoped
    true
-- @end
