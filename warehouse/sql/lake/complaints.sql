-- complaints, by month of creation (the lake's partition key).
create or replace temp view lake_source as
select strftime(created_at, '%Y-%m') as month, c.* from complaints as c
