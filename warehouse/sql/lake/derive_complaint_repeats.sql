-- complaint_repeats worked out from the tickets alone, for marts built off the warehouse (the
-- loads keep the same table incrementally with derived/repeats.sql, tuned for DuckDB; the marts
-- parity test checks that both give the same rows). A repeat has an earlier ticket of the same
-- customer and category (trimmed, any case) at most $repeat_window_seconds before it; the
-- window is partitioned by that pair, which is how a cluster spreads the work.
select
    strftime(created_at, '%Y-%m') as month,
    ticket_id, created_at, previous_at, customer_id, channel, region, touchpoint, category,
    severity
from (
    select
        c.*,
        lag(c.created_at) over (
            partition by c.customer_id, lower(trim(c.category))
            order by c.created_at, c.ticket_id
        ) as previous_at
    from complaints as c
    where trim(c.customer_id) <> ''
      and trim(c.category) <> ''
)
where epoch(created_at) - epoch(previous_at) <= $repeat_window_seconds
