-- complaints.pair_previous_at: when the same customer last complained about the same category
-- (in any channel, region or touchpoint), so that a ticket's repeat flag (within 30 days) is one
-- comparison instead of a sort of the whole history on every read. Null for a customer's first
-- ticket in a category and for tickets without a customer or category (they cannot repeat).
-- Recomputed for the customers in touched_customers (derived/touch_*.sql) in the same
-- transaction as the load or undo that changed their tickets; only changed values are written.
-- As in staging/repeat_flags.sql, one sort by a 64-bit hash of the pair and the time (not a
-- window partitioned by two strings: a third of the cost), and a second, independent hash of the
-- pair must match too, so two pairs are only mixed up if both hashes collide at once. Rows are
-- matched back by rowid (cheaper than by ticket id).
update complaints as c
set pair_previous_at = f.previous_at
from (
    select
        row_key,
        case
            when lag(pair_hash) over pair = pair_hash and lag(pair_check) over pair = pair_check
                then lag(created_at) over pair
        end as previous_at
    from (
        select
            rowid as row_key,
            created_at,
            hash(customer_id, lower(trim(category))) as pair_hash,
            hash(lower(trim(category)), customer_id) as pair_check
        from complaints
        where customer_id in (select customer_id from touched_customers)
          and trim(customer_id) <> ''
          and trim(category) <> ''
    )
    window pair as (order by pair_hash, created_at, row_key)
) as f
where c.rowid = f.row_key
  and c.pair_previous_at is distinct from f.previous_at
