-- data_facts 'wide_ratings': whether survey_ratings holds ratings beyond each response's own
-- touchpoint/csat pair (wide surveys with one column per touchpoint). Rebuilt after each survey
-- load or undo, so a read need not count both tables (marts/wide_ratings.sql).
insert or replace into data_facts (name, flag)
-- @include parts/derived/wide_ratings_row.sql
;
