-- Write the staged rows and rejects to the hand-off file the write step attaches. The file lives
-- for seconds, so its pages are written uncompressed (cheaper to write and read back).
set force_compression = 'uncompressed';

create table handoff.incoming as select * from incoming;

create table handoff.reject_rows as select * from reject_table;
