select list_transform(cast($values as varchar[]), lambda v: cx_ts(v, $dayfirst, $tz));
