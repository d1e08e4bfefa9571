-- The tickets that have an earlier ticket of the same customer and category, with that earlier
-- ticket's time and the columns filters read, kept by every load and undo
-- (warehouse/sql/derived/repeats.sql), filled in (`-- @derive`) for tickets loaded before.
create table complaint_repeats (
    ticket_id    varchar not null,
    created_at   timestamp not null,
    previous_at  timestamp not null,   -- the same customer's previous ticket in that category
    customer_id  varchar not null,
    channel      varchar,
    region       varchar,
    touchpoint   varchar,
    category     varchar not null,
    severity     varchar
);

-- @derive
