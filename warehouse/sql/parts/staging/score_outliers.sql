-- provides: CTEs score_quartiles, score_bounds, flagged_responses (entries of a WITH list)
-- needs: CTEs scoped_responses; no parameters
-- Box-plot outliers among the scoped responses (needs parts/scoped/responses.sql before it): a score
-- below Q1 − 1.5 IQR or above Q3 + 1.5 IQR of the same score over the scoped responses.
-- Outliers are flagged, never dropped. A CTE to include.
score_quartiles as (
    select
        quantile_cont(nps, [0.25, 0.75]) as nps_q,
        quantile_cont(csat_10, [0.25, 0.75]) as csat_q,
        quantile_cont(ces, [0.25, 0.75]) as ces_q
    from scoped_responses
),
score_bounds as (
    select
        nps_q[1] as nps_q1, nps_q[2] as nps_q3,
        csat_q[1] as csat_q1, csat_q[2] as csat_q3,
        ces_q[1] as ces_q1, ces_q[2] as ces_q3
    from score_quartiles
),
flagged_responses as (
    select
        r.*,
        coalesce(r.nps < b.nps_q1 - 1.5 * (b.nps_q3 - b.nps_q1)
                 or r.nps > b.nps_q3 + 1.5 * (b.nps_q3 - b.nps_q1), false) as nps_outlier,
        coalesce(r.csat_10 < b.csat_q1 - 1.5 * (b.csat_q3 - b.csat_q1)
                 or r.csat_10 > b.csat_q3 + 1.5 * (b.csat_q3 - b.csat_q1), false) as csat_outlier,
        coalesce(r.ces < b.ces_q1 - 1.5 * (b.ces_q3 - b.ces_q1)
                 or r.ces > b.ces_q3 + 1.5 * (b.ces_q3 - b.ces_q1), false) as ces_outlier
    from scoped_responses as r
    cross join score_bounds as b
)
