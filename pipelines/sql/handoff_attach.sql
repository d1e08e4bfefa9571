-- Open the hand-off file (rows staged for the write step) in the staging connection.
attach $handoff as handoff;
