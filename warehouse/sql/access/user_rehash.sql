update users set password_hash = $password_hash where name = $name
