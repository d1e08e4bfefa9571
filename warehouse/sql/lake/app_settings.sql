-- app_settings: the admin-edited settings the metrics read (CSI weights), one file.
create or replace temp view lake_source as
select '' as month, t.* from app_settings as t
