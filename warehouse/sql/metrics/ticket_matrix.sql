-- Complaints per touchpoint × ($by: channel, region or week): the count alone, for the
-- complaints and complaint-rate heatmaps (metrics/complaint_matrix.sql has every complaint
-- metric). Grouped first on the values as stored, then on the cleaned-up values of those groups.
with
-- @include parts/scoped/complaints.sql
,
raw_cells as (
    select
-- @include parts/metrics/cell_columns.sql
            as cell,
        count(*) as complaints
    from scoped_complaints
    group by 1
),
-- @include parts/metrics/cell_keys.sql
select
    min(tp_value) as touchpoint,
    min(col_value) as col,
    sum(complaints)::bigint as complaints
from keyed
group by lower(tp_value), lower(col_value)
