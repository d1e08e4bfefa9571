-- Every complaint the viewer may see from $hist_start to $end, whatever the other filters, with
-- `in_request` telling whether the filter request itself matches it: a ticket's repeat flag
-- depends on the customer's earlier tickets, not on the filter request.
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
-- @include scoped/complaint_filters.sql
        as in_request
    from complaints as c
    where ($hist_start is null or c.created_at >= $hist_start)
      and ($end is null or c.created_at < $end)
      and
-- @include scoped/viewer_scope.sql
)
