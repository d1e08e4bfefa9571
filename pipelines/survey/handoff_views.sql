-- A survey's touchpoint ratings from the hand-off file.
create or replace temp view incoming_ratings as select * from handoff.incoming_ratings;
