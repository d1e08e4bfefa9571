-- A long survey: no touchpoint rating columns.
create or replace temp table rating_values (_ord bigint, touchpoint varchar, v varchar);
