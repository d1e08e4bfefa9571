-- The moment open tickets are judged at: the newest timestamp in the complaints table that is
-- not after $now (one ticket dated in the far future must not make every open ticket overdue).
select greatest(
    (select max(created_at) from complaints where created_at <= $now),
    (select max(first_response_at) from complaints where first_response_at <= $now),
    (select max(resolved_at) from complaints where resolved_at <= $now)
) as as_of
