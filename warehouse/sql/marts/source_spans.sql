-- The first and last day each source holds data for (rows after $now left out: an outlier in
-- the future is not data "up to" that day). Whether a window has survey or complaint data at
-- all - a metric of a window without its source's data is null, not 0 - and whether a previous
-- window is covered well enough to compare with. Unscoped: only days are read, never values.
select
    (select min(submitted_at) from survey_responses where submitted_at <= $now)::date
        as survey_first,
    (select max(submitted_at) from survey_responses where submitted_at <= $now)::date
        as survey_last,
    (select min(created_at) from complaints where created_at <= $now)::date as complaints_first,
    (select max(created_at) from complaints where created_at <= $now)::date as complaints_last
