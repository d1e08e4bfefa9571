-- The values each filter offers, with the channel and region they occur with, kept by every load
-- and undo (warehouse/sql/derived/values_*.sql) and filled in (`-- @derive`) for data loaded before.
create table filter_values (
    source   varchar not null,   -- complaints | survey | crm: the load kind that wrote them
    field    varchar not null,   -- channels | regions | touchpoints | segments | categories | severities
    value    varchar not null,   -- as written
    channel  varchar,            -- the channel and region of the rows it occurs in
    region   varchar
);


-- Facts about the loaded data that reads would otherwise work out from every row, kept by the
-- same refreshes (a missing fact means "work it out": marts/wide_ratings.sql).
create table data_facts (
    name   varchar primary key,
    flag   boolean not null
);

-- @derive
