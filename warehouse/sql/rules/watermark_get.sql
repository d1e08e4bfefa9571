-- How far a rule has been evaluated.
select evaluated_through from rule_watermarks where rule_id = $rule_id
