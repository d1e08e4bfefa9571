-- How far a rule has been evaluated, and on which data.
select evaluated_through, data_signature, evaluated_now
from rule_watermarks
where rule_id = $rule_id
