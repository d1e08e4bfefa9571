-- Per risk item of one type ($item_type: touchpoint | category | touchpoint_region), the counts
-- behind its probability and impact, inside the filters and the viewer's scope.
-- Glossary: warehouse/docs/risk_and_alerts.md.
with
-- @include parts/scoped/responses.sql
,
-- @include parts/scoped/ratings.sql
,
-- @include parts/scoped/complaints.sql
,
-- @include parts/scoped/customers.sql
,
rating_items as (
    select
        case $item_type
            when 'touchpoint' then lower(trim(touchpoint))
            when 'touchpoint_region' then lower(trim(touchpoint)) || '|' || lower(trim(region))
        end as item_key,
        case $item_type
            when 'touchpoint' then trim(touchpoint)
            when 'touchpoint_region' then trim(touchpoint) || ' × ' || trim(region)
        end as label,
        case when $item_type = 'touchpoint_region' then lower(trim(region)) end as region_key,
        rating_10 <= 4 as negative,
        customer_id
    from scoped_ratings
    where $item_type <> 'category'
      and touchpoint is not null and trim(touchpoint) <> ''
      and ($item_type <> 'touchpoint_region' or (region is not null and trim(region) <> ''))
),
complaint_items as (
    select
        case $item_type
            when 'touchpoint' then lower(trim(touchpoint))
            when 'touchpoint_region' then lower(trim(touchpoint)) || '|' || lower(trim(region))
            else lower(trim(category))
        end as item_key,
        case $item_type
            when 'touchpoint' then trim(touchpoint)
            when 'touchpoint_region' then trim(touchpoint) || ' × ' || trim(region)
            else trim(category)
        end as label,
        case when $item_type = 'touchpoint_region' then lower(trim(region)) end as region_key,
        customer_id,
        case lower(trim(severity))
            when 'low' then 0.0
            when 'medium' then 1.0 / 3
            when 'high' then 2.0 / 3
            when 'urgent' then 1.0
            when 'critical' then 1.0
        end as severity_score,
        escalated,
        coalesce(compensation_amount, 0) as compensation
    from scoped_complaints
    where case $item_type
            when 'category' then category is not null and trim(category) <> ''
            when 'touchpoint' then touchpoint is not null and trim(touchpoint) <> ''
            else touchpoint is not null and trim(touchpoint) <> ''
                 and region is not null and trim(region) <> ''
          end
),
region_customers as (
    select
        lower(trim(region)) as region_key,
        coalesce(count_if(coalesce(lower(trim(status)), '') <> 'churned'), 0)::bigint as active
    from scoped_customers
    group by 1
),
affected as (
    select item_key, customer_id from rating_items where negative and customer_id is not null
    union
    select item_key, customer_id from complaint_items where customer_id is not null
),
affected_value as (
    select
        a.item_key,
        count(distinct a.customer_id) as affected_customers,
        count(distinct a.customer_id) filter (where c.lifetime_value is not null) as valued,
        count(distinct a.customer_id) filter (where c.lifetime_value > $high_value) as high_value
    from affected as a
    left join customers as c on c.customer_id = a.customer_id
    group by a.item_key
),
ratings_agg as (
    select item_key, min(label) as label, min(region_key) as region_key, count(*) as ratings,
           coalesce(count_if(negative), 0)::bigint as negative_ratings
    from rating_items
    group by item_key
),
complaints_agg as (
    select
        item_key,
        min(label) as label,
        min(region_key) as region_key,
        count(*) as complaints,
        count(distinct customer_id) as complainants,
        avg(severity_score) as severity_score,
        coalesce(count_if(escalated), 0)::bigint as escalated,
        count(escalated) as escalation_known,
        avg(compensation) as compensation_mean
    from complaint_items
    group by item_key
),
final as (
    select
        coalesce(r.item_key, c.item_key) as item_key,
        coalesce(r.label, c.label) as label,
        coalesce(r.ratings, 0) as ratings,
        coalesce(r.negative_ratings, 0) as negative_ratings,
        coalesce(c.complaints, 0) as complaints,
        coalesce(c.complainants, 0) as complainants,
        c.severity_score,
        coalesce(c.escalated, 0) as escalated,
        coalesce(c.escalation_known, 0) as escalation_known,
        coalesce(c.compensation_mean, 0) as compensation_mean,
        coalesce(v.affected_customers, 0) as affected_customers,
        coalesce(v.valued, 0) as valued_customers,
        coalesce(v.high_value, 0) as high_value_customers,
        -- a touchpoint × region item happens to that region's customers, not the company's
        case when $item_type = 'touchpoint_region' then coalesce(rc.active, 0)
            else (select sum(active) from region_customers)
        end as active_customers
    from ratings_agg as r
    full outer join complaints_agg as c on c.item_key = r.item_key
    left join affected_value as v on v.item_key = coalesce(r.item_key, c.item_key)
    left join region_customers as rc
        on rc.region_key = coalesce(r.region_key, c.region_key)
)
select * from final
where item_key is not null
order by item_key
