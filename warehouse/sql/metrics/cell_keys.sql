-- The heatmap cell of each group in raw_cells (a CTE named keyed; raw_cells groups a model's rows
-- on touchpoint, col_raw (channel or region as stored) and week_raw): the trimmed touchpoint and
-- column value, merged case-insensitively by the model's final group by.
keyed as (
    select
        *,
        coalesce(trim(touchpoint), '') as tp_value,
        case $by
            when 'channel' then coalesce(trim(col_raw), '')
            when 'region' then coalesce(trim(col_raw), '')
            else strftime(week_raw, '%Y-%m-%d')
        end as col_value
    from raw_cells
)
