-- provides: CTEs keyed (entries of a WITH list)
-- needs: CTEs keyed_input; parameters $by
-- The heatmap cell of each row of keyed_input (rows with touchpoint, channel and region and
-- their time as `row_at`): the trimmed touchpoint and column value (channel, region or the week's
-- Monday), merged case-insensitively by the model's final group by. Models that group first on
-- stored values use parts/metrics/cell_keys.sql instead.
keyed as (
    select
        *,
        coalesce(trim(touchpoint), '') as tp_value,
        case $by
            when 'channel' then coalesce(trim(channel), '')
            when 'region' then coalesce(trim(region), '')
            else strftime(date_trunc('week', row_at), '%Y-%m-%d')
        end as col_value
    from keyed_input
)
