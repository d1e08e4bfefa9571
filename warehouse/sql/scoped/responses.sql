-- Survey responses inside the filter request and the viewer's scope (a CTE to include after
-- `with`). A touchpoint filter matches a response's own touchpoint or any touchpoint it rated;
-- a segment filter matches the response's segment, else its customer's segment. $wide_ratings
-- as in scoped/ratings.sql (true is always correct).
-- @include staging/suspect_customers.sql
,
scoped_responses as not materialized (
    select r.*
    from survey_responses as r
    where ($start is null or r.submitted_at >= $start)
      and ($end is null or r.submitted_at < $end)
      and (len($channels) = 0 or list_contains($channels, lower(trim(r.channel))))
      and (len($regions) = 0 or list_contains($regions, lower(trim(r.region))))
      and (
          len($touchpoints) = 0
          or list_contains($touchpoints, lower(trim(r.touchpoint)))
          -- without wide surveys every rating is the response's own (read just above)
          or (case when $wide_ratings and len($touchpoints) > 0 then r.response_id end) in (
              select t.response_id from survey_ratings as t
              where $wide_ratings and len($touchpoints) > 0
                and list_contains($touchpoints, lower(trim(t.touchpoint)))
          )
      )
      and (
          len($segments) = 0
          or list_contains($segments, lower(trim(r.segment)))
          or (
              r.segment is null
              and (case when len($segments) > 0 then r.customer_id end) in (
                  select s.customer_id from customers as s
                  where len($segments) > 0 and list_contains($segments, lower(trim(s.segment)))
              )
          )
      )
      and (not $exclude_suspect
           or (case when $exclude_suspect then r.customer_id end) is null
           or (case when $exclude_suspect then r.customer_id end)
               not in (select customer_id from suspect_customers))
      and (
          not $scoped
          or (
              len($scope_channels) + len($scope_regions) > 0
              and (len($scope_channels) = 0 or list_contains($scope_channels, lower(trim(r.channel))))
              and (len($scope_regions) = 0 or list_contains($scope_regions, lower(trim(r.region))))
          )
      )
)
