-- filter_values worked out from the facts (the values each filter offers, with their channel
-- and region), by the same selects the loads use (parts/derived/values_*_rows.sql).
select '' as month, source, field, value, channel, region from (
-- @include parts/derived/values_complaints_rows.sql
)
union all
select '' as month, source, field, value, channel, region from (
-- @include parts/derived/values_survey_rows.sql
)
union all
select '' as month, source, field, value, channel, region from (
-- @include parts/derived/values_crm_rows.sql
)
