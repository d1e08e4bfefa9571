-- Whether survey_ratings holds ratings beyond each response's own touchpoint/csat pair (wide
-- surveys with one column per touchpoint): the fact survey loads keep (derived/wide_ratings.sql),
-- or, when it is missing, true (always correct, only slower).
select coalesce((select flag from data_facts where name = 'wide_ratings'), true) as wide_ratings
