-- Move a rule's watermark forward.
insert or replace into rule_watermarks (rule_id, evaluated_through)
values ($rule_id, $evaluated_through)
