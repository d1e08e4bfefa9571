-- The largest in-range CSAT value of the file: above 5 means a 10-point scale.
select max(cx_num(csat)) from raw where cx_num(csat) between 1 and 10;
