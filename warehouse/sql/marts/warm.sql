-- Reads the columns the pages filter and count on, for the newest $days days of each table, so
-- that DuckDB holds their blocks in memory (warehouse.storage.db.warm). The answer itself is not used.
-- Each column goes through an aggregate that needs its values (count(column) would be answered
-- from the column's statistics when it has no nulls, without reading it): max() of the values,
-- or of their lengths for text (cheap on dictionary-compressed strings). Free text
-- (descriptions, comments) and wide-survey ratings are left to be read when a page asks.
with
newest as (
    select max(created_at) - to_days($days) as since from complaints
),
answers as (
    select max(submitted_at) - to_days($days) as since from survey_responses
)
select
    (
        select [
            max(length(ticket_id)), max(length(customer_id)), max(length(channel)),
            max(length(region)), max(length(touchpoint)), max(length(product)),
            max(length(category)), max(length(severity)), max(length(status)),
            max(epoch(first_response_at))::bigint, max(epoch(resolved_at))::bigint,
            max(escalated::int)
        ]
        from complaints
        where created_at >= (select since from newest)
    ) as complaint_values,
    (
        select [
            max(length(ticket_id)), max(epoch(previous_at))::bigint, max(length(customer_id)),
            max(length(channel)), max(length(region)), max(length(touchpoint)),
            max(length(category)), max(length(severity))
        ]
        from complaint_repeats
        where created_at >= (select since from newest)
    ) as repeat_values,
    (
        select [
            max(length(response_id)), max(length(customer_id)), max(length(channel)),
            max(length(region)), max(length(touchpoint)), max(length(segment)), max(nps),
            max(csat), max(csat_scale), max(csat_10), max(ces), max(outlier::int)
        ]
        from survey_responses
        where submitted_at >= (select since from answers)
    ) as response_values,
    (
        select [
            max(length(customer_id)), max(length(region)), max(length(channel)),
            max(length(segment)), max(length(status)), max(epoch(last_active_date))::bigint,
            max(lifetime_value)
        ]
        from customers
    ) as customer_values
