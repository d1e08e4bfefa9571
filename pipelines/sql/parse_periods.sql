select list_transform(cast($values as varchar[]), lambda v: try(cx_period(v)));
