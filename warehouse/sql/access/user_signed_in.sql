update users set failed_logins = 0, locked_until = null where name = $name
