-- Open a new alert; returns its id.
insert into alerts (rule_id, scope, scope_dim, scope_value, scope_channel, scope_region, level,
                    state, value, limit_value, peak_value, baseline_value, baseline_sd,
                    metric_value, period_start, last_breach_at, opened_at, inside_periods,
                    response_level, due_at, clocks, phase, created_at)
values ($rule_id, $scope, $scope_dim, $scope_value, $scope_channel, $scope_region, $level,
        'firing', $value, $limit_value, $peak_value, $baseline_value, $baseline_sd,
        $metric_value, $period_start, $last_breach_at, $opened_at, 0,
        $response_level, $due_at, $clocks, 'outbreak', $created_at)
returning alert_id
