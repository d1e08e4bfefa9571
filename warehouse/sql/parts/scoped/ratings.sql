-- provides: CTEs scoped_own_ratings, scoped_wide_ratings, scoped_ratings (entries of a WITH list)
-- needs: CTEs scoped_responses; parameters $touchpoints, $wide_ratings
-- Per-touchpoint ratings of the scoped responses (needs parts/scoped/responses.sql before it); a
-- touchpoint filter keeps only the ratings of those touchpoints.
-- A response's own csat is its rating at its own touchpoint ('' when it names none), read from
-- the response itself; survey_ratings adds the ratings of wide surveys (one column per
-- touchpoint). $wide_ratings (marts/wide_ratings.sql, checked once per query) is false when no
-- such extra ratings exist, and the join to survey_ratings then reads nothing.
-- The two parts are also CTEs of their own, scoped_own_ratings and scoped_wide_ratings, so
-- that a model already scanning scoped_responses can take the own ratings from that scan.
scoped_own_ratings as (
    select
        r.response_id,
        coalesce(r.touchpoint, '') as touchpoint,
        r.csat as rating,
        r.csat_scale as scale,
        r.csat_10 as rating_10,
        r.outlier,
        r.submitted_at,
        r.channel,
        r.region,
        r.customer_id
    from scoped_responses as r
    where r.csat is not null
      and (len($touchpoints) = 0 or list_contains($touchpoints, lower(trim(r.touchpoint))))
),
scoped_wide_ratings as (
    select
        t.response_id,
        t.touchpoint,
        t.rating,
        t.scale,
        t.rating_10,
        t.outlier,
        r.submitted_at,
        r.channel,
        r.region,
        r.customer_id
    from survey_ratings as t
    join (select * from scoped_responses where $wide_ratings) as r
        on r.response_id = t.response_id
    where (len($touchpoints) = 0 or list_contains($touchpoints, lower(trim(t.touchpoint))))
      -- the response's own pair is already in the first part
      and not (r.csat is not null and r.touchpoint is not null and t.touchpoint = r.touchpoint)
),
scoped_ratings as (
    select * from scoped_own_ratings
    union all
    select * from scoped_wide_ratings
)
