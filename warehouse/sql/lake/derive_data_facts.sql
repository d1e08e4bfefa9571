-- data_facts worked out from the facts, by the select the loads use (parts/derived/wide_ratings_row.sql).
select '' as month, name, flag from (
-- @include parts/derived/wide_ratings_row.sql
)
