-- Store a new alert as the lifecycle left it (it may have escalated or resolved within the same
-- evaluation); returns its id.
insert into alerts (rule_id, scope, scope_dim, scope_value, scope_channel, scope_region,
                    audience, audience_channels, audience_regions, level, state, value,
                    limit_value, peak_value, baseline_value, baseline_sd, metric_value,
                    period_start, last_breach_at, opened_at, inside_periods, resolved_at,
                    response_level, due_at, clocks, phase, recovered, recovery_value, created_at)
values ($rule_id, $scope, $scope_dim, $scope_value, $scope_channel, $scope_region,
        $audience, $audience_channels, $audience_regions, $level, $state, $value,
        $limit_value, $peak_value, $baseline_value, $baseline_sd, $metric_value,
        $period_start, $last_breach_at, $opened_at, $inside_periods, $resolved_at,
        $response_level, $due_at, $clocks, $phase, $recovered, $recovery_value, $created_at)
returning alert_id
