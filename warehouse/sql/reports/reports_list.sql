-- Generated reports inside the viewer's scope (without their content), newest first.
select x.report_id, x.quarter, x.scope_user, x.scope_channels as channels,
       x.scope_regions as regions, x.lang, x.fmt,
       x.data_version, x.data_as_of, x.has_data, x.generated_by, x.generated_at, x.seconds,
       x.timings, x.filename, x.size_bytes, x.sha256
from reports as x
where
-- @include parts/scoped/owned_scope.sql
order by x.generated_at desc, x.report_id desc
limit $limit
