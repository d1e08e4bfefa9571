select name, kind, spec, created_by, created_at from mapping_profiles order by name;
