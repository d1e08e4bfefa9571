-- The rows of one partition of lake_source (lake/<table>.sql), without the partition column
-- (it is the folder name).
select * exclude (month) from lake_source where month = $month
