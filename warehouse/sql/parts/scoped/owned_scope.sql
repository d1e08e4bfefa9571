-- provides: a predicate (inside a where clause)
-- needs: a row `x` with scope_channels and scope_regions lists; parameters $scoped,
-- $scope_channels, $scope_regions
-- Whether an improvement item or a report `x` lies inside the viewer's scope: a dept_head sees
-- one only when it names channels or regions and those lie inside theirs (company-wide ones
-- hold rows outside any department); anyone else sees all. Included inside a where clause.
-- @when scoped
    (
        len(x.scope_channels) + len(x.scope_regions) > 0
        and (len($scope_channels) = 0
             or (len(x.scope_channels) > 0 and list_has_all($scope_channels, x.scope_channels)))
        and (len($scope_regions) = 0
             or (len(x.scope_regions) > 0 and list_has_all($scope_regions, x.scope_regions)))
    )
-- @end
-- @when not scoped
    true
-- @end
