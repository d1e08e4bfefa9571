update sign_in_throttle set locked_until = $locked_until where name_sha256 = $name_sha256
