update users set locked_until = $locked_until where name = $name
