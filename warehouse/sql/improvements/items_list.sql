-- Improvement items inside the viewer's scope (one item when $item_id is set), newest first.
select
    x.item_id, x.title, x.source_kind, x.source_ref, x.scope_channels as channels,
    x.scope_regions as regions,
    x.category, x.touchpoint, x.product, x.window_start, x.window_end, x.affected_customers,
    x.complaints, x.current_per_month, x.baseline_per_month, x.gain_computed, x.expected_gain,
    x.computed_at, x.owner, x.due_date, x.status, x.note, x.created_by, x.created_at,
    x.updated_by, x.updated_at
from improvements as x
where ($item_id is null or x.item_id = $item_id)
  and
-- @include parts/scoped/owned_scope.sql
order by x.created_at desc, x.item_id desc
