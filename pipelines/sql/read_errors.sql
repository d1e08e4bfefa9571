-- Rows DuckDB could not split into the header's number of fields, and invalid text.
select count(distinct line) as lines, count(*) filter (where error_type = 'INVALID ENCODING') as bad_text
from reject_errors;
