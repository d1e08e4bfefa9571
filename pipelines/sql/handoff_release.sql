-- Let go of the hand-off file (the views first: they depend on it).
drop view if exists incoming;

drop view if exists reject_rows;

drop view if exists incoming_ratings;

detach database if exists handoff;
