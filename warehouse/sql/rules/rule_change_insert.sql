-- One entry of a rule's change history.
insert into rule_changes (rule_id, changed_by, changed_at, before, after)
values ($rule_id, $user, $at, $before, $after)
