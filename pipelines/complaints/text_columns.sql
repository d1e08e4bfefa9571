-- The complaint's plain text columns, cleaned the same way on the full and the clean-file path.
    cx_text(customer_id) as customer_id,
    cx_text(channel) as channel,
    cx_text(region) as region,
    cx_text(touchpoint) as touchpoint,
    cx_text(product) as product,
    cx_text(category) as category,
    cx_text(severity) as severity,
    cx_text(status) as status,
