-- The write connection reads the staged rows from the hand-off file (read only).
attach $handoff as handoff (read_only);
