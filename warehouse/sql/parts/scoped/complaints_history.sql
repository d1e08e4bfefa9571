-- provides: CTEs scoped_complaints_history (entries of a WITH list)
-- needs: no other CTE; parameters $end, $hist_start, $scoped, $start
-- The complaints a ticket's repeat flag reads (a CTE to include after `with`), with `in_request`
-- telling whether the filter request itself matches the ticket: the flag depends on the
-- customer's earlier tickets, not on the filter request.
-- A department head's flag counts only the earlier tickets they may see, so for them every
-- ticket in scope from $hist_start (30 days before $start) is read and parts/staging/repeat_flags.sql
-- sorts them; everyone else reads only the request's tickets and complaint_repeats
-- (warehouse/sql/derived/repeats.sql).
scoped_complaints_history as (
    select
        c.ticket_id,
        c.customer_id,
        c.created_at,
        c.touchpoint,
        c.channel,
        c.region,
        c.category,
        lower(trim(c.category)) as category_key,
-- @include parts/scoped/complaint_filters.sql
        as in_request
    from complaints as c
    where (
        (case when $scoped then $hist_start else $start end) is null
        or c.created_at >= (case when $scoped then $hist_start else $start end)
      )
      and ($end is null or c.created_at < $end)
      and
-- @include parts/scoped/viewer_scope.sql
)
