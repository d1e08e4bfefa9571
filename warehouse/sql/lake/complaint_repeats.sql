-- complaint_repeats (derived by every load), by month of the repeat ticket's creation.
create or replace temp view lake_source as
select strftime(created_at, '%Y-%m') as month, c.* from complaint_repeats as c
