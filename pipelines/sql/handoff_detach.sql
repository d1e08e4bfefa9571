-- Close the hand-off file in the staging connection.
detach handoff;
