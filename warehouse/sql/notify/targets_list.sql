-- Notification targets (all, or the one named), by name.
select name, kind, address, min_level, regions, channels, rules, user_name, lang, digest,
       coalesce(quarterly_report, false) as quarterly_report, enabled, created_by, created_at
from notify_targets
where $name is null or name = $name
order by name
