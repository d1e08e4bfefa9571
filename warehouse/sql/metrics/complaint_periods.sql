-- Complaint metrics incl. the repeat rate for the current window and the one before it in one
-- scan ($current_start splits $start..$end; null: one window).
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
,
-- @include scoped/complaints_history.sql
,
-- @include staging/repeat_flags.sql
,
complaint_part as (
    select
        case when $current_start is null or created_at >= $current_start
            then 'current' else 'previous' end as bucket,
-- @include metrics/complaint_aggs.sql
,
-- @include metrics/duration_aggs.sql
    from complaint_facts
    group by 1
),
repeat_part as (
    select
        case when $current_start is null or created_at >= $current_start
            then 'current' else 'previous' end as bucket,
-- @include metrics/repeat_aggs.sql
    from repeat_flags
    group by 1
)
select *
from complaint_part
full outer join repeat_part using (bucket)
