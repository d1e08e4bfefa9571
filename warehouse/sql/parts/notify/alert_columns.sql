-- provides: a select list (alert and rule columns)
-- needs: aliases a (alerts) and r (rules) in the including query; no parameters
-- The alert and rule columns a notification message is written from (included by other models).
a.alert_id, a.rule_id, r.name_en as rule_name_en, r.name_zh as rule_name_zh, r.kind, r.direction, r.window_label, a.scope, a.scope_dim, a.scope_value, a.scope_channel, a.scope_region, a.audience, a.level, a.state, a.value, a.limit_value, a.metric_value, a.opened_at, a.created_at, a.acknowledged_by, a.acknowledged_at, a.resolved_at, a.response_level, a.due_at, a.clocks, a.recovered
