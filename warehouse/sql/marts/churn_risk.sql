-- Churn-risk signals per customer who has not churned (warehouse/docs/metrics.md), each with its
-- reason: inactive >= $inactive_days at the as-of day; average order value down >= $aov_drop_pct % against the
-- previous period; the latest survey score more than $sigma σ from the customer's own earlier
-- scores (at least $baseline_min earlier responses, score = nps, else csat on 10 points).
with
-- @include parts/scoped/customers.sql
,
-- @include parts/scoped/responses.sql
,
as_of as (
    -- the caller's day, else the newest activity that is not in the future (an outlier dated
    -- 9999 must not make everyone inactive), else today
    select coalesce(
        $churn_as_of,
        greatest(
            (select max(last_active_date) from customers where last_active_date <= $today),
            (select max(submitted_at)::date from survey_responses where submitted_at < $today + 1)
        ),
        $today
    )::date as as_of
),
scores as (
    select
        customer_id,
        coalesce(nps::double, csat_10) as score,
        row_number() over (partition by customer_id order by submitted_at desc, response_id desc)
            as recency
    from scoped_responses
    where customer_id is not null and coalesce(nps::double, csat_10) is not null
      and submitted_at < (select as_of from as_of) + interval 1 day
),
behaviour as (
    select
        latest.customer_id,
        latest.score as latest_score,
        avg(earlier.score) as baseline_mean,
        stddev_samp(earlier.score) as baseline_sd,
        count(earlier.score) as baseline_n
    from scores as latest
    join scores as earlier on earlier.customer_id = latest.customer_id and earlier.recency > 1
    where latest.recency = 1
    group by latest.customer_id, latest.score
),
signals as (
    select
        c.customer_id,
        c.region,
        c.channel,
        c.segment,
        c.status,
        c.lifetime_value,
        c.last_active_date,
        -- whole days between two dates (a date minus a date is an interval in Spark)
        date_diff('day', c.last_active_date, (select as_of from as_of)) as days_inactive,
        case when c.prev_avg_order_value > 0
            then 100.0 * (c.avg_order_value - c.prev_avg_order_value) / c.prev_avg_order_value
        end as aov_change_pct,
        case when b.baseline_n >= $baseline_min and b.baseline_sd > 0
            then (b.latest_score - b.baseline_mean) / b.baseline_sd
        end as behaviour_z,
        case
            when c.lifetime_value is null then 'unknown'
            when c.lifetime_value > $tier_high then 'high'
            when c.lifetime_value > $tier_low then 'mid'
            else 'low'
        end as tier
    from scoped_customers as c
    left join behaviour as b on b.customer_id = c.customer_id
    where coalesce(lower(trim(c.status)), '') <> 'churned'
),
flagged as (
    select
        *,
        case when days_inactive >= $inactive_days
            then 'inactive ' || days_inactive || ' days' end as reason_inactive,
        case when aov_change_pct <= -$aov_drop_pct
            then 'order value ' || round(aov_change_pct)::integer || ' %' end as reason_order_value,
        -- "more than 2 σ" is strict: a z that is exactly 2 by hand but 2.0000000000000004 in
        -- floating point (earlier 8, 8, 9, 10, 10 and a latest 7) is not more than 2
        case when round(abs(behaviour_z), 9) > $sigma
            then 'survey score ' || round(behaviour_z, 1) || ' σ from own baseline' end
            as reason_behaviour
    from signals
)
select
    *,
    concat_ws('; ', reason_inactive, reason_order_value, reason_behaviour) as reason_text
from flagged
where coalesce(reason_inactive, reason_order_value, reason_behaviour) is not null
order by coalesce(lifetime_value, 0) desc, customer_id
limit $limit
