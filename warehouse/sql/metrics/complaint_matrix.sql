-- Complaint metrics per touchpoint × ($by: channel, region or week). The SLA and first-contact
-- outcomes are counted per stored severity and status and per cell as stored
-- (staging/complaint_tallies.sql), then the cells are merged on their cleaned-up values:
-- trimming and lower-casing every row's strings cost several times the counting.
with
-- @include scoped/complaints.sql
,
tally_input as (
    select
        *,
-- @include metrics/cell_columns.sql
            as group_key
    from scoped_complaints
),
-- @include staging/complaint_tallies.sql
,
raw_cells as (
    select
        group_key as cell,
-- @include metrics/outcome_counts.sql
    from complaint_outcomes
    group by 1
),
-- @include metrics/cell_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include metrics/complaint_ratios.sql
from keyed
group by lower(tp_value), lower(col_value)
