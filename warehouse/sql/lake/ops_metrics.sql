-- ops_metrics (orders and other operating figures), by month of their date.
create or replace temp view lake_source as
select strftime(date, '%Y-%m') as month, o.* from ops_metrics as o
