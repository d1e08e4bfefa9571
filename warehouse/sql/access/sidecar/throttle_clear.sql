delete from sign_in_throttle where name_sha256 = $name_sha256
