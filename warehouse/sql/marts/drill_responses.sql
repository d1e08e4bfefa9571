-- The survey responses behind one heatmap cell, newest first; $blank_touchpoint / $blank_col
-- select the cell of rows without a touchpoint / without that column's value. `outlier`
-- is the box-plot flag among the cell's own responses (parts/staging/score_outliers.sql).
with
-- @include parts/scoped/responses.sql
,
-- @include parts/staging/score_outliers.sql
select
    r.response_id,
    r.submitted_at,
    r.channel,
    r.region,
    r.touchpoint,
    r.segment,
    r.nps,
    r.csat,
    r.csat_scale,
    r.ces,
    r.comment,
    coalesce(r.outlier, false) or r.nps_outlier or r.csat_outlier or r.ces_outlier as outlier,
    r.customer_id
from flagged_responses as r
where (not $blank_touchpoint or coalesce(trim(r.touchpoint), '') = '')
  and ($blank_col <> 'channel' or coalesce(trim(r.channel), '') = '')
  and ($blank_col <> 'region' or coalesce(trim(r.region), '') = '')
order by r.submitted_at desc, r.response_id
limit $limit
