-- Complaint metrics per touchpoint × ($by: channel, region or week). The SLA and first-contact
-- outcomes are counted per stored severity and status and per cell as stored
-- (parts/staging/complaint_tallies.sql), then the cells are merged on their cleaned-up values:
-- trimming and lower-casing every row's strings cost several times the counting.
with
-- @include parts/scoped/complaints.sql
,
tally_input as (
    select
        *,
-- @include parts/metrics/cell_columns.sql
            as group_key
    from scoped_complaints
),
-- @include parts/staging/complaint_tallies.sql
,
raw_cells as (
    select
        group_key as cell,
-- @include parts/metrics/outcome_counts.sql
    from complaint_outcomes
    group by 1
),
-- @include parts/metrics/cell_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include parts/metrics/complaint_ratios.sql
from keyed
group by lower(tp_value), lower(col_value)
