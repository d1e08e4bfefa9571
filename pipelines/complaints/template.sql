-- The complaint columns a source may have, all text; a file lacking one still reads (as null).
create or replace temp table template (
    ticket_id varchar, created_at varchar, customer_id varchar, channel varchar, region varchar,
    touchpoint varchar, product varchar, category varchar, severity varchar, status varchar,
    first_response_at varchar, resolved_at varchar, escalated varchar, compensation_amount varchar,
    description varchar, "extra:" varchar
);
