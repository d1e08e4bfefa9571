update users set disabled = $disabled where name = $name
