-- Parameters the `staged` view needs (a view cannot take bound parameters).
create or replace temp table stage_params as
select cast($tz as varchar) as tz, cast($mapped as varchar[]) as mapped,
       cast($csat_scale as integer) as csat_scale;
