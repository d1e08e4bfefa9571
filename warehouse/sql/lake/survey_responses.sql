-- survey_responses, by month of submission.
create or replace temp view lake_source as
select strftime(submitted_at, '%Y-%m') as month, r.* from survey_responses as r
