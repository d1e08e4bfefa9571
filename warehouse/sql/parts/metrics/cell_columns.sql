-- provides: an expression (a struct value)
-- needs: no other CTE; parameters $by
-- The heatmap cell of a complaints row as stored (an expression to include; a model groups on it
-- first, in a CTE named raw_cells with the cell as column `cell`, and parts/metrics/cell_keys.sql then
-- cleans it up): the touchpoint, the column's channel or region ($by), the week.
{
    'touchpoint': touchpoint,
    'col_raw': case $by when 'channel' then channel when 'region' then region end,
    'week_raw': case when $by = 'week' then date_trunc('week', created_at) end
}
