-- provides: a whole query: one row (name, flag)
-- needs: tables survey_ratings, survey_responses; no parameters
-- The data_facts row 'wide_ratings' (name, flag): what derived/wide_ratings.sql stores and
-- what marts built off the warehouse hold.
select 'wide_ratings' as name, (select count(*) from survey_ratings) > (
    select count(*) from survey_responses where touchpoint is not null and csat is not null
) as flag
