-- Every rule, in display order.
select
    rule_id, position, name_en, name_zh, kind, metric, scope_dims, grain, window_label,
    direction, yellow, red, params, enabled, shipped, updated_by, updated_at
from rules
order by position, rule_id
