-- Each scoped ticket with its answer and resolution times (a CTE; needs scoped/complaints.sql
-- before it; the columns are staging/duration_columns.sql).
complaint_durations as (
    select
        *,
-- @include staging/duration_columns.sql
    from scoped_complaints
)
