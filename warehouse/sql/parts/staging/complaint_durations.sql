-- provides: CTEs complaint_durations (entries of a WITH list)
-- needs: CTEs scoped_complaints; parameter $unsolved_statuses
-- Each scoped ticket with its answer and resolution times (a CTE; needs parts/scoped/complaints.sql
-- before it; the columns are parts/staging/duration_columns.sql).
complaint_durations as (
    select
        *,
-- @include parts/staging/duration_columns.sql
    from scoped_complaints
)
