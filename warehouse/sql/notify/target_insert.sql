-- A new notification target (the caller has checked the name is free).
insert into notify_targets (name, kind, address, min_level, regions, channels, rules, user_name,
                            lang, digest, quarterly_report, enabled, created_by, created_at)
values ($name, $kind, $address, $min_level, $regions, $channels, $rules, $user_name, $lang,
        $digest, $quarterly_report, true, $created_by, $created_at)
