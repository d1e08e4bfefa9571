-- provides: CTEs scoped_responses (entries of a WITH list)
-- needs: no other CTE; parameters $channels, $end, $regions, $scope_channels, $scope_regions, $segments, $start, $touchpoints, $wide_ratings
-- Survey responses inside the filter request and the viewer's scope (a CTE to include after
-- `with`). A touchpoint filter matches a response's own touchpoint or any touchpoint it rated;
-- a segment filter matches the response's segment, else its customer's segment. $wide_ratings
-- as in parts/scoped/ratings.sql (true is always correct). Parts that cannot apply to a request are
-- left out of the query (`-- @when`, see warehouse/storage/sqlfiles.py).
-- @when exclude_suspect
-- @include parts/staging/suspect_customers.sql
,
-- @end
scoped_responses as not materialized (
    select r.*
    from survey_responses as r
    where ($start is null or r.submitted_at >= $start)
      and ($end is null or r.submitted_at < $end)
      and (len($channels) = 0 or list_contains($channels, lower(trim(r.channel))))
      and (len($regions) = 0 or list_contains($regions, lower(trim(r.region))))
-- @when touchpoints
      and (
          list_contains($touchpoints, lower(trim(r.touchpoint)))
          -- without wide surveys every rating is the response's own (read just above), and the
          -- lookup below is planned away: otherwise a join every response row passes through
          or (
              $wide_ratings
              and (case when $wide_ratings then r.response_id end) in (
                  select t.response_id from survey_ratings as t
                  where $wide_ratings and list_contains($touchpoints, lower(trim(t.touchpoint)))
              )
          )
      )
-- @end
-- @when segments
      and (
          list_contains($segments, lower(trim(r.segment)))
          or (
              r.segment is null
              and r.customer_id in (
                  select s.customer_id from customers as s
                  where list_contains($segments, lower(trim(s.segment)))
              )
          )
      )
-- @end
-- @when exclude_suspect
      and (r.customer_id is null or r.customer_id not in (select customer_id from suspect_customers))
-- @end
-- @when scoped
      and len($scope_channels) + len($scope_regions) > 0
      and (len($scope_channels) = 0 or list_contains($scope_channels, lower(trim(r.channel))))
      and (len($scope_regions) = 0 or list_contains($scope_regions, lower(trim(r.region))))
-- @end
)
