-- No mapped field can hold a placeholder: an empty markers table (see sql/markers.sql).
create or replace temp table markers (_ord bigint, kept json);
