-- Store the engine's view of an alert after a period (level, state, clocks, phase, recovery).
update alerts
set level = $level,
    state = $state,
    value = $value,
    limit_value = $limit_value,
    peak_value = $peak_value,
    metric_value = $metric_value,
    last_breach_at = $last_breach_at,
    inside_periods = $inside_periods,
    resolved_at = $resolved_at,
    response_level = $response_level,
    due_at = $due_at,
    clocks = $clocks,
    phase = $phase,
    recovered = $recovered,
    recovery_value = $recovery_value
where alert_id = $alert_id
