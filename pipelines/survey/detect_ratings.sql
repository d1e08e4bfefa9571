-- The largest in-range touchpoint rating of a wide survey: above 5 means a 10-point scale.
select max(cx_num(v))
from (unpivot (select COLUMNS('^rating:') from raw) on COLUMNS(*) into name tp value v)
where cx_num(v) between 1 and 10;
