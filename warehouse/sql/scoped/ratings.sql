-- Per-touchpoint ratings of the scoped responses; a touchpoint filter keeps only the ratings of
-- those touchpoints. Needs scoped/responses.sql included before it.
scoped_ratings as (
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
    join scoped_responses as r on r.response_id = t.response_id
    where len($touchpoints) = 0 or list_contains($touchpoints, lower(trim(t.touchpoint)))
)
