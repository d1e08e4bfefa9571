-- An improvement item's computed figures, worked out again over its window.
update improvements
set affected_customers = $affected_customers, complaints = $complaints,
    current_per_month = $current_per_month, baseline_per_month = $baseline_per_month,
    gain_computed = $gain_computed, expected_gain = $expected_gain, computed_at = $at,
    updated_by = $user, updated_at = $at
where item_id = $item_id
