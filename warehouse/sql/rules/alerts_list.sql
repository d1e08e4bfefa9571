-- Alerts in the given states (all when empty) that lie inside the viewer's scope: a scoped
-- viewer sees a company alert only when its scope is one of their channels/regions (company-wide
-- or product alerts aggregate rows outside any department's scope and stay hidden from them),
-- and the alerts judged on their own scope's data ($audience). Everyone else sees the company's.
select
    a.alert_id as id,
    a.rule_id as rule,
    r.name_en as rule_name_en,
    r.name_zh as rule_name_zh,
    r.kind,
    r.metric,
    a.scope,
    a.scope_dim,
    a.scope_value,
    a.level,
    a.state,
    a.value,
    a.limit_value as "limit",
    a.metric_value,
    a.peak_value,
    a.baseline_value,
    a.period_start,
    a.last_breach_at,
    a.opened_at,
    a.acknowledged_by,
    a.acknowledged_at,
    a.ack_note,
    a.resolved_at,
    a.response_level,
    a.due_at,
    a.clocks,
    a.phase,
    a.recovered,
    a.recovery_value,
    a.audience
from alerts as a
left join rules as r on r.rule_id = a.rule_id
where (len($states) = 0 or list_contains($states, a.state))
  and ($alert_id is null or a.alert_id = $alert_id)
  and (
      (
          a.audience = ''
          and (
              not $scoped
              or (
                  len($scope_channels) + len($scope_regions) > 0
                  and (len($scope_channels) = 0 or list_contains($scope_channels, a.scope_channel))
                  and (len($scope_regions) = 0 or list_contains($scope_regions, a.scope_region))
              )
          )
      )
      -- a department head's own alerts: the rules judged on their scope's data
      or ($scoped and $audience <> '' and a.audience = $audience)
  )
  -- a page's filters: with channels, regions or touchpoints chosen, the alerts about one of them
  and (len($channels) = 0 or list_contains($channels, a.scope_channel)
       or list_has_any($channels, a.audience_channels))
  and (len($regions) = 0 or list_contains($regions, a.scope_region)
       or list_has_any($regions, a.audience_regions))
  and (len($touchpoints) = 0
       or (a.scope_dim = 'touchpoint'
           and list_contains($touchpoints, lower(trim(split_part(a.scope_value, ' · ', 1))))))
order by a.opened_at desc, a.alert_id desc
