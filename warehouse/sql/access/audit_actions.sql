select distinct action from audit_log order by action
