-- Complaint metrics per touchpoint × ($by: channel, region or week). Grouped first on the values
-- as stored, then on the cleaned-up values of those few groups: trimming and lower-casing every
-- row's strings cost several times the counting.
with
-- @include scoped/complaints.sql
,
-- @include staging/complaint_facts.sql
,
raw_cells as (
    select
-- @include metrics/cell_columns.sql
-- @include metrics/complaint_counts.sql
    from complaint_facts
    group by all
),
-- @include metrics/cell_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
-- @include metrics/complaint_ratios.sql
from keyed
group by lower(tp_value), lower(col_value)
