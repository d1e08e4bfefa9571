-- The moment open tickets are judged at: the newest timestamp in the complaints table.
select greatest(max(created_at), max(first_response_at), max(resolved_at)) as as_of
from complaints
