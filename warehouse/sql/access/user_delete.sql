delete from users where name = $name
