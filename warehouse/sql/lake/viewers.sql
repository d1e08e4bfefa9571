-- users without their secrets: who may read what (a department head's channels and regions),
-- so `--user` means the same on the lake. Password hashes and sign-in state stay behind.
create or replace temp view lake_source as
select '' as month, name, role, channels, regions, disabled from users
