-- provides: a select list (inside select … from)
-- needs: no other CTE; no parameters
-- Repeat-complaint rate over repeat_flags (a select list to include).
count(*) as repeat_rate_n,
100.0 * coalesce(count_if(is_repeat), 0)::bigint / nullif(count(*), 0) as repeat_rate_pct
