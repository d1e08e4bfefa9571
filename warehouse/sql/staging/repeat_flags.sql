-- Repeat complaints: a ticket is a repeat when the same customer complained about the same
-- category within the 30 days before it (among tickets the viewer may see). A CTE; needs
-- scoped/complaints_history.sql before it. Only tickets the filter request matches are kept.
-- Partitions use a 64-bit hash of (customer, category) rather than the two strings (half the
-- cost on millions of tickets); a second, independent hash of the pair must match too, so two
-- pairs can only be mixed up if both hashes collide at once.
repeat_keyed as (
    select
        *,
        customer_id is not null and trim(customer_id) <> '' and category_key <> '' as has_pair,
        hash(customer_id, category_key) as pair_hash,
        hash(category_key, customer_id) as pair_check
    from scoped_complaints_history
),
repeat_previous as (
    select
        *,
        lag(created_at) over pair as previous_at,
        lag(pair_check) over pair = pair_check as same_pair
    from repeat_keyed
    window pair as (partition by pair_hash order by created_at)
),
repeat_flags as (
    select
        *,
        coalesce(
            has_pair and same_pair
            and epoch(created_at) - epoch(previous_at) <= $repeat_window_seconds,
            false
        ) as is_repeat
    from repeat_previous
    where in_request
)
