-- Repeat-complaint rate over repeat_flags (a select list to include).
count(*) as repeat_rate_n,
100.0 * count(*) filter (where is_repeat) / nullif(count(*), 0) as repeat_rate_pct
