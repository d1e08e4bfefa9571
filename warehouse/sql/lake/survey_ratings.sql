-- survey_ratings, by month of their response's submission (a rating has no time of its own;
-- its response's month keeps both in the same partitions). A rating without its response
-- goes to month '' so that no row is lost.
create or replace temp view lake_source as
select coalesce(strftime(r.submitted_at, '%Y-%m'), '') as month, s.*
from survey_ratings as s
left join (select response_id, min(submitted_at) as submitted_at from survey_responses group by 1) as r
    using (response_id)
