-- An empty list of customers whose derived complaint columns are to be recomputed.
create or replace temp table touched_customers (customer_id varchar)
