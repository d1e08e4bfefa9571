-- The rows of the partitions $months of lake_source (lake/<table>.sql), ordered by month so that
-- one scan writes each partition's file in turn.
select * from lake_source where list_contains($months, month) order by month
