-- Every rule's watermark (read once per evaluation).
select rule_id, evaluated_through, data_signature, evaluated_now
from rule_watermarks
