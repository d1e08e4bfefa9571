-- A survey's touchpoint ratings for the write step.
select * from incoming_ratings;
