-- Is the clean-file read usable as is? Source rows, rows the full path must see, and keys
-- repeated inside the file (the full path decides which row wins).
select count(*) as rows_read,
       count(*) filter (where not _ok) as rows_unclean,
       count(*) - count(distinct ticket_id) as keys_repeated
from handoff.incoming;
