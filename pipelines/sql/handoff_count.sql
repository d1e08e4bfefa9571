-- Valid rows in the hand-off file.
select count(*) from handoff.incoming;
