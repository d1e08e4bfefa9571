select list_transform(cast($values as varchar[]), lambda v: cx_date(v, $dayfirst));
