-- Every customer with a complaint (a full recompute of the derived complaint columns).
insert into touched_customers
select distinct customer_id from complaints where customer_id is not null
