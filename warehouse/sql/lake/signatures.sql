-- Per partition of lake_source (the view lake/<table>.sql creates; '' is the one partition of a
-- table without a time column): its rows and a hash of their contents, so that an export
-- rewrites only the partitions whose rows changed, were added or were undone.
select
    month,
    count(*) as rows,
    coalesce(bit_xor(hash(s)), 0)::varchar as digest
from lake_source as s
group by all
order by 1
