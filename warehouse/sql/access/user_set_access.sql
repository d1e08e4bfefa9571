-- Role and scope change together: a scope only means something for a dept_head.
update users set role = $role, channels = $channels, regions = $regions where name = $name
