-- The first and the last ticket time in the warehouse (bounds for reading newest first).
select min(created_at) as first_at, max(created_at) as last_at
from complaints
