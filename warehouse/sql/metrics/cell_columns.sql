-- The stored values a complaints heatmap model groups on first (a select list to include before
-- its aggregates, in a CTE named raw_cells; metrics/cell_keys.sql then cleans them up): the
-- touchpoint, the column's channel or region ($by), the week.
touchpoint,
case $by when 'channel' then channel when 'region' then region end as col_raw,
case when $by = 'week' then date_trunc('week', created_at) end as week_raw,
