-- A new improvement item; returns its id.
insert into improvements (
    title, source_kind, source_ref, scope_channels, scope_regions, category, touchpoint, product,
    window_start, window_end, affected_customers, complaints, current_per_month,
    baseline_per_month, gain_computed, expected_gain, computed_at, owner, due_date, status, note,
    created_by, created_at, updated_by, updated_at)
values (
    $title, $source_kind, $source_ref, $scope_channels, $scope_regions, $category, $touchpoint,
    $product, $window_start, $window_end, $affected_customers, $complaints, $current_per_month,
    $baseline_per_month, $gain_computed, $expected_gain, $at, $owner, $due_date, $status, $note,
    $user, $at, $user, $at)
returning item_id
