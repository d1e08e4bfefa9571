-- Every name locked now (hashes only), for the users page.
select name_sha256, locked_until from sign_in_throttle where locked_until > $now
