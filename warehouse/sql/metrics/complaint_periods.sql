-- Complaint metrics incl. the repeat rate for the current window and the one before it
-- ($current_start splits $start..$end; null: one window; grouped by a true/false key). SLA and
-- first-contact counts come from parts/staging/complaint_tallies.sql (numbers per ticket, the clocks
-- decided per severity and status as written), the duration quantiles from the same tickets
-- (read once), the repeat rate from complaint_repeats (derived/repeats.sql) or, for a
-- department head, from parts/staging/repeat_flags.sql.
with
-- @include parts/scoped/complaints.sql
,
-- read once (materialized), for the tallies and the durations: a second scan of the tickets
-- with the request's filters cost more than keeping the few columns both need
tally_input as materialized (
    select
        created_at,
        severity,
        status,
        escalated,
        first_response_at,
        resolved_at,
        $current_start is null or created_at >= $current_start as group_key
    from scoped_complaints
),
-- @include parts/staging/complaint_tallies.sql
,
count_part as (
    select
        group_key as is_current,
-- @include parts/metrics/outcome_counts.sql
    from complaint_outcomes
    group by 1
),
complaint_part as (
    select
        is_current,
-- @include parts/metrics/complaint_ratios.sql
    from count_part
    group by 1
),
duration_part as (
    select
        group_key as is_current,
-- @include parts/metrics/duration_aggs.sql
        ,
        min(created_at)::date as complaints_first,
        max(created_at)::date as complaints_last
    from (
        select
            group_key,
            created_at,
-- @include parts/staging/duration_columns.sql
        from tally_input
    )
    group by 1
),
-- @when not scoped
repeat_part as (
    select
        t.is_current,
        t.complaints as repeat_rate_n,
        100.0 * coalesce(r.repeats, 0) / nullif(t.complaints, 0) as repeat_rate_pct
    from complaint_part as t
    left join (
        select
            $current_start is null or c.created_at >= $current_start as is_current,
            count(*) as repeats
        from complaint_repeats as c
        where
-- @include parts/scoped/complaint_filters.sql
        group by 1
    ) as r using (is_current)
)
-- @end
-- @when scoped
-- @include parts/scoped/complaints_history.sql
,
-- @include parts/staging/repeat_flags.sql
,
repeat_part as (
    select
        $current_start is null or created_at >= $current_start as is_current,
-- @include parts/metrics/repeat_aggs.sql
    from repeat_flags
    group by 1
)
-- @end
select
    case when is_current then 'current' else 'previous' end as bucket,
    * exclude (is_current)
from complaint_part
full outer join duration_part using (is_current)
full outer join repeat_part using (is_current)
