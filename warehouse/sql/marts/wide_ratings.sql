-- Whether survey_ratings holds ratings beyond each response's own touchpoint/csat pair (wide
-- surveys with one column per touchpoint).
select (select count(*) from survey_ratings) > (
    select count(*) from survey_responses where touchpoint is not null and csat is not null
) as wide_ratings
