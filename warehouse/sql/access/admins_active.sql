-- Enabled admin accounts: the last one may not be removed, demoted or disabled.
select count(*) as n from users where role = 'admin' and not coalesce(disabled, false)
