-- A dispatch bookmark (events_through, digest_day).
select value from notify_state where key = $key
