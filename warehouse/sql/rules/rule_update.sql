-- Replace the editable fields of one rule.
update rules
set name_en = $name_en,
    name_zh = $name_zh,
    scope_dims = $scope_dims,
    grain = $grain,
    window_label = $window_label,
    yellow = $yellow,
    red = $red,
    params = $params,
    enabled = $enabled,
    updated_by = $user,
    updated_at = $at
where rule_id = $rule_id
