-- Complaints per scope value inside the rolling window ($from, $to] that a "within N h" rule judges
-- now (today's partial data included), on the rows of the audience's scope; with the event time of
-- the complaint that made the count cross each level ($yellow_k-th and $red_k-th in time; null
-- when the count stays below).
with tickets as (
    select
        c.created_at,
-- @include parts/rules/complaint_scope_value.sql
    from complaints as c
    where c.created_at > $from
      and c.created_at <= $to
      and
-- @include parts/scoped/viewer_scope.sql
),
ranked as (
    select
        lower(trim(scope_value)) as scope_key,
        trim(scope_value) as scope_value,
        created_at,
        row_number() over (partition by lower(trim(scope_value)) order by created_at) as k
    from tickets
    where scope_value is not null and ($dim = '' or trim(scope_value) <> '')
),
final as (
    select
        scope_key,
        min(scope_value) as scope_value,
        count(*) as count,
        max(case when k = $yellow_k then created_at end) as yellow_at,
        max(case when k = $red_k then created_at end) as red_at
    from ranked
    group by 1
)
select * from final order by scope_key
