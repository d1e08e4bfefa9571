-- provides: CTEs suspect_source, suspect_runs, suspect_customers (entries of a WITH list)
-- needs: no other CTE; parameters $exclude_suspect
-- Customers who gave the lowest possible score ten or more times in a row (possible malicious
-- rating, warehouse/docs/metrics.md). A response is "lowest" when every score it gives is its scale's minimum
-- (nps 0, csat 1, ces 1) and it gives at least one. A CTE to include after `with`.
suspect_source as (
    select
        customer_id,
        submitted_at,
        response_id,
        (nps is not null or csat is not null or ces is not null)
            and coalesce(nps = 0, true)
            and coalesce(csat = 1, true)
            and coalesce(ces = 1, true) as is_lowest
    from survey_responses
    -- Only computed when asked for: the run detection sorts every response.
    where $exclude_suspect and customer_id is not null and trim(customer_id) <> ''
),
suspect_runs as (
    select
        customer_id,
        is_lowest,
        row_number() over (partition by customer_id order by submitted_at, response_id)
            - row_number() over (
                partition by customer_id, is_lowest order by submitted_at, response_id
            ) as run_id
    from suspect_source
),
suspect_customers as (
    select distinct customer_id
    from suspect_runs
    where is_lowest
    group by customer_id, run_id
    having count(*) >= 10
)
