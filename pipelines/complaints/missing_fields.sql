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
        case when v_first_response_at is null then 'first_response_at' end,
        case when v_resolved_at is null then 'resolved_at' end,
        case when v_escalated is null then 'escalated' end,
        case when v_compensation_amount is null then 'compensation_amount' end,
        case when cx_text(description) is null then 'description' end
