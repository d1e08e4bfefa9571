-- The previous ticket of the same customer and category, kept with each ticket by every load and
-- undo (warehouse/sql/derived/pair_previous.sql), filled in here for tickets loaded before.
alter table complaints add column pair_previous_at timestamp;

-- @include derived/touch_start.sql
;
-- @include derived/touch_all.sql
;
-- @include derived/pair_previous.sql
;
drop table touched_customers;
