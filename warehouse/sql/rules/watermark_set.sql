-- Move a rule's watermark forward and remember what data and rule version it has seen.
insert or replace into rule_watermarks (rule_id, evaluated_through, data_signature, evaluated_now)
values ($rule_id, $evaluated_through, $data_signature, $evaluated_now)
