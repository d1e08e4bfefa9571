-- Is the clean-file read usable as is? Rows the full path must see, and keys repeated in the file.
select count(*) as rows_read,
       count(*) filter (where not _ok) as rows_unclean
from handoff.incoming;
