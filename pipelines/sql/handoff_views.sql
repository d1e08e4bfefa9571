-- The hand-off file's tables under the names the merge scripts use.
create or replace temp view incoming as select * from handoff.incoming;

create or replace temp view reject_rows as select * from handoff.reject_rows;
