-- How many responses and complaints sit behind one heatmap cell: the drill lists
-- (drill_responses.sql, drill_complaints.sql, same cell conditions) show at most $limit each.
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/complaints.sql
select
    (
        select count(*)
        from scoped_responses as r
        where (not $blank_touchpoint or coalesce(trim(r.touchpoint), '') = '')
          and ($blank_col <> 'channel' or coalesce(trim(r.channel), '') = '')
          and ($blank_col <> 'region' or coalesce(trim(r.region), '') = '')
    ) as responses,
    (
        select count(*)
        from scoped_complaints as c
        where (not $blank_touchpoint or coalesce(trim(c.touchpoint), '') = '')
          and ($blank_col <> 'channel' or coalesce(trim(c.channel), '') = '')
          and ($blank_col <> 'region' or coalesce(trim(c.region), '') = '')
    ) as complaints
