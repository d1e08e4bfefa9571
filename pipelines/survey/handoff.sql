-- A survey's touchpoint ratings go to the hand-off file too.
create table handoff.incoming_ratings as select * from incoming_ratings;
