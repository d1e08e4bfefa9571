-- One report's file, when it lies inside the viewer's scope.
select x.report_id, x.filename, x.fmt, x.content
from reports as x
where x.report_id = $report_id
  and
-- @include parts/scoped/owned_scope.sql
