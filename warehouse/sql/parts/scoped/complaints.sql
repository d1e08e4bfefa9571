-- provides: CTEs scoped_complaints (entries of a WITH list)
-- needs: no other CTE; no parameters
-- Complaints inside the filter request and the viewer's scope (a CTE to include after `with`).
-- A segment filter matches tickets whose customer is in that segment (tickets carry no segment).
scoped_complaints as not materialized (
    select c.*
    from complaints as c
    where
-- @include parts/scoped/complaint_filters.sql
    and
-- @include parts/scoped/viewer_scope.sql
)
