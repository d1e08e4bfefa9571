-- provides: a select list (is_urgent, is_complex, is_closed) of a ticket row
-- needs: columns severity, escalated, status; parameters $urgent_severities, $complex_severities, $closed_statuses
-- What picks a ticket's SLA clocks (warehouse/docs/metrics.md): an urgent severity answers
-- sooner; a complex severity or an escalation resolves later; a closed status stops the clock.
coalesce(list_contains($urgent_severities, lower(trim(severity))), false) as is_urgent,
coalesce(list_contains($complex_severities, lower(trim(severity))), false)
    or coalesce(escalated, false) as is_complex,
coalesce(
    list_contains($closed_statuses, lower(trim(status)))
    or lower(trim(status)) like 'closed%',
    false
) as is_closed
