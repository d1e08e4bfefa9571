-- The optional complaint fields a row leaves empty, one list item each (null when present); the
-- full path (stage.sql) and the clean-file path (fast.sql) both include it inside list_filter([...]).
        case when customer_id is null then 'customer_id' end,
        case when channel is null then 'channel' end,
        case when region is null then 'region' end,
        case when touchpoint is null then 'touchpoint' end,
        case when product is null then 'product' end,
        case when category is null then 'category' end,
        case when severity is null then 'severity' end,
        case when status is null then 'status' end,
        case when cx_missing(v_first_response_at) then 'first_response_at' end,
        case when cx_missing(v_resolved_at) then 'resolved_at' end,
        case when cx_missing(v_escalated) then 'escalated' end,
        case when cx_missing(v_compensation_amount) then 'compensation_amount' end,
        case when cx_text(description) is null then 'description' end
