-- complaint_repeats: every repeat ticket, i.e. one whose customer had an earlier ticket in the
-- same category (in any channel, region or touchpoint) at most $repeat_window_seconds before it,
-- with that earlier ticket's time and the columns the filters read, so that the repeat rate reads
-- a few rows instead of sorting every ticket since $start − 30 days on every read. Tickets
-- without a customer or category cannot repeat. Rebuilt in the same transaction as the load or undo that changed the tickets:
-- for the customers in touched_customers (derived/touch_*.sql), or all of them when the load
-- wrote every ticket (`-- @when not every_ticket`: the semi-join was a third of the work).
-- Only appended (updating the tickets just loaded made the commit rewrite them); the sort
-- carries row ids only and the columns are joined back after it (sorting them took 0.5 GB more
-- per 2M tickets).
-- As in parts/staging/repeat_flags.sql, one sort by a 64-bit hash of the pair and the time (not a
-- window partitioned by two strings: a third of the cost), and a second, independent hash of the
-- pair must match too, so two pairs are only mixed up if both hashes collide at once.
delete from complaint_repeats
-- @when not every_ticket
where customer_id in (select customer_id from touched_customers)
-- @end
;
insert into complaint_repeats
select
    c.ticket_id, c.created_at, f.previous_at, c.customer_id, c.channel, c.region, c.touchpoint,
    c.category, c.severity
from complaints as c
join (
    select row_key, previous_at
    from (
        select
            row_key,
            created_at,
            case
                when lag(pair_hash) over pair = pair_hash
                    and lag(pair_check) over pair = pair_check
                    then lag(created_at) over pair
            end as previous_at
        from (
            select
                rowid as row_key,
                created_at,
                hash(customer_id, lower(trim(category))) as pair_hash,
                hash(lower(trim(category)), customer_id) as pair_check
            from complaints
            where trim(customer_id) <> ''
              and trim(category) <> ''
-- @when not every_ticket
              and customer_id in (select customer_id from touched_customers)
-- @end
        )
        window pair as (order by pair_hash, created_at)
    )
    where epoch(created_at) - epoch(previous_at) <= $repeat_window_seconds
) as f on c.rowid = f.row_key
