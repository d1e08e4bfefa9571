-- provides: CTEs repeat_keyed, repeat_previous, repeat_flags (entries of a WITH list)
-- needs: CTEs scoped_complaints_history; parameters $end, $repeat_window_seconds, $start
-- Repeat complaints: a ticket is a repeat when the same customer complained about the same
-- category within the 30 days before it (among tickets the viewer may see). A CTE; needs
-- parts/scoped/complaints_history.sql before it. Only tickets the filter request matches are kept.
-- Unscoped viewers look each ticket up in complaint_repeats (derived/repeats.sql); for a
-- department head (`-- @when scoped`) the earlier tickets they may see are sorted here:
-- The order uses a 64-bit hash of (customer, category) rather than the two strings (half the
-- cost on millions of tickets); a second, independent hash of the pair must match too, so two
-- pairs can only be mixed up if both hashes collide at once. One sort by (pair, time) rather
-- than a window partitioned by pair: with a pair per customer and category there are millions of
-- tiny partitions, and the single sort is about twice as fast; previous_at is the row before in
-- that order and only means the pair's previous ticket where same_pair.
-- @when scoped
repeat_keyed as (
    select
        *,
        -- trim() on every customer id is the costly part of the scan: an id starting with a
        -- printable ASCII character cannot be blank, so only the rest are trimmed
        case
            when ascii(customer_id) between 33 and 126 then true
            else trim(customer_id) <> ''
        end and category_key <> '' as has_pair,
        hash(customer_id, category_key) as pair_hash,
        hash(category_key, customer_id) as pair_check
    from scoped_complaints_history
),
repeat_previous as (
    select
        *,
        lag(created_at) over pair as previous_at,
        lag(pair_hash) over pair = pair_hash and lag(pair_check) over pair = pair_check
            as same_pair
    from repeat_keyed
    window pair as (order by pair_hash, created_at)
),
repeat_flags as (
    select
        * exclude (has_pair, pair_hash, pair_check, previous_at, same_pair),
        coalesce(
            has_pair and same_pair
            and epoch(created_at) - epoch(previous_at) <= $repeat_window_seconds,
            false
        ) as is_repeat
    from repeat_previous
    where in_request
)
-- @end
-- @when not scoped
repeat_flags as (
    select
        h.*,
        r.ticket_id is not null as is_repeat
    from scoped_complaints_history as h
    left join complaint_repeats as r
        on r.ticket_id = h.ticket_id
       and ($start is null or r.created_at >= $start)
       and ($end is null or r.created_at < $end)
    where h.in_request
)
-- @end
