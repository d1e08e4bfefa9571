-- The distinct scopes of department heads who have one: rules are judged within each as well.
select distinct list_sort(channels) as channels, list_sort(regions) as regions
from users
where role = 'dept_head'
  and not coalesce(disabled, false)
  and len(channels) + len(regions) > 0
order by 1, 2
