-- Complaints, clean-file path: one parallel read of the file straight into the hand-off table,
-- typed with the same expressions as stage.sql. `_ok` is false for any row the full path would
-- treat differently (a reject, a value only the slow date path reads, a blank or repeated header
-- row); the loader then discards this table and runs the full path (stage.sql) instead.
-- No row numbers, keys or hashes are stored: a clean file has no rejects to place, ticket_id is
-- the key, and the merge hashes only rows whose key is already in the warehouse.
-- @include complaints/template.sql

create table handoff.incoming as
with src as (
    select * from template
    union all by name
    select * from read_csv($path, header = false, skip = $skip, delim = $delim, quote = '"', escape = '"',
                           columns = $columns, auto_detect = false, encoding = 'utf-8')
),
cast_once as (
    -- the casts each conversion starts from, done once per value
    select *,
           try_cast(created_at as timestamp) as c_created_at,
           try_cast(first_response_at as timestamp) as c_first_response_at,
           try_cast(resolved_at as timestamp) as c_resolved_at,
           try_cast(trim(compensation_amount) as double) as c_compensation_amount
    from src
),
typed as (
    select
        created_at as v_created_at, first_response_at as v_first_response_at, resolved_at as v_resolved_at,
        escalated as v_escalated, compensation_amount as v_compensation_amount,
        cx_text(ticket_id) as ticket_id,
        cx_ts_cast(created_at, c_created_at, $tz, $tz_offset) as created_at,
        -- @include complaints/text_columns.sql
        cx_ts_cast(first_response_at, c_first_response_at, $tz, $tz_offset) as first_response_at,
        cx_ts_cast(resolved_at, c_resolved_at, $tz, $tz_offset) as resolved_at,
        cx_bool(escalated) as escalated,
        -- cx_num's first reading (no missing marker is a finite number); other forms go the full path
        case when isfinite(c_compensation_amount) then c_compensation_amount end as compensation_amount,
        description,
        cx_extra($extra_keys, [*COLUMNS('^extra:')], coalesce(*COLUMNS('^extra:'))) as extra,
        -- a placeholder ('-', 'N/A', '1900-01-01' …) anywhere: the full path keeps its raw text
        len(list_filter([ticket_id, created_at, customer_id, channel, region, touchpoint, product, category,
                         severity, status, first_response_at, resolved_at, escalated, compensation_amount],
                        lambda v: v is not null and trim(v) <> '' and cx_missing(v))) > 0 as _placeholder
    from cast_once
)
select
    ticket_id, created_at, cast($tz as varchar) as source_tz, customer_id, channel, region, touchpoint,
    product, category, severity, status, first_response_at, resolved_at, escalated, compensation_amount,
    description,
    -- most rows miss nothing: the list is filtered only for the others
    case when customer_id is not null and channel is not null and region is not null
              and touchpoint is not null and category is not null and severity is not null
              and status is not null and v_first_response_at is not null
              and v_resolved_at is not null and v_escalated is not null
              and v_compensation_amount is not null and cx_text(description) is not null
              and (product is not null or not list_contains(cast($mapped as varchar[]), 'product'))
        then cast([] as varchar[])
    else list_filter([
        -- @include complaints/missing_fields.sql
    ], lambda f: f is not null and list_contains(cast($mapped as varchar[]), f)) end as missing,
    extra,
    ticket_id is not null and created_at is not null
        and (v_first_response_at is null or first_response_at is not null)
        and (v_resolved_at is null or resolved_at is not null)
        and (v_escalated is null or escalated is not null)
        and (v_compensation_amount is null or compensation_amount is not null)
        and not _placeholder
        and coalesce(first_response_at >= created_at, true) and coalesce(resolved_at >= created_at, true)
        and created_at between cast($earliest as timestamp) and cast($latest as timestamp)
        and coalesce(first_response_at between cast($earliest as timestamp) and cast($latest as timestamp), true)
        and coalesce(resolved_at between cast($earliest as timestamp) and cast($latest as timestamp), true)
        as _ok
from typed;
