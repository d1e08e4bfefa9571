-- Log one evaluation run of one rule.
insert into rule_evaluations (rule_id, evaluated_at, evaluated_by, periods_from, periods_to,
                              scopes, points, breaches, opened, escalated, resolved, status,
                              message, latest)
values ($rule_id, $evaluated_at, $evaluated_by, $periods_from, $periods_to, $scopes, $points,
        $breaches, $opened, $escalated, $resolved, $status, $message, $latest)
