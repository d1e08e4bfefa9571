insert or replace into mapping_profiles (name, kind, spec, created_by, created_at)
values ($name, $kind, $spec, $user, $at);
