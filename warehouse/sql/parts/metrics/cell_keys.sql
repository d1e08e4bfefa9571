-- provides: CTEs keyed (entries of a WITH list)
-- needs: CTEs raw_cells; parameters $by
-- The heatmap cell of each group in raw_cells (a CTE named keyed; raw_cells groups a model's rows
-- on `cell`, parts/metrics/cell_columns.sql: touchpoint, channel or region as stored, week): the
-- trimmed touchpoint and column value, merged case-insensitively by the model's final group by.
keyed as (
    select
        *,
        coalesce(trim(cell.touchpoint), '') as tp_value,
        case $by
            when 'channel' then coalesce(trim(cell.col_raw), '')
            when 'region' then coalesce(trim(cell.col_raw), '')
            else strftime(cell.week_raw, '%Y-%m-%d')
        end as col_value
    from raw_cells
)
