-- Complaints: the source's text columns (named by the mapping) → typed columns in the table's
-- order, per-field reject reasons in `errors`, and the natural key in `_key`.
-- @include complaints/template.sql

create or replace temp table typed as
with src as (
    select * from template union all by name select * from raw
)
select
    _ord,
    created_at as v_created_at, first_response_at as v_first_response_at, resolved_at as v_resolved_at,
    escalated as v_escalated, compensation_amount as v_compensation_amount,
    cx_text(ticket_id) as ticket_id,
    cx_ts_quick(created_at, $tz, $tz_offset) as created_at,
    -- @include complaints/text_columns.sql
    cx_ts_quick(first_response_at, $tz, $tz_offset) as first_response_at,
    cx_ts_quick(resolved_at, $tz, $tz_offset) as resolved_at,
    cx_bool(escalated) as escalated,
    cx_num(compensation_amount) as compensation_amount,
    description,
    cx_extra($extra_keys, [*COLUMNS('^extra:')], coalesce(*COLUMNS('^extra:'))) as extra
from src;

-- The slow date path, only for values the fast path could not read.
update typed set created_at = cx_ts_slow(v_created_at, $dayfirst, $tz)
where created_at is null and v_created_at is not null;

update typed set first_response_at = cx_ts_slow(v_first_response_at, $dayfirst, $tz)
where first_response_at is null and v_first_response_at is not null;

update typed set resolved_at = cx_ts_slow(v_resolved_at, $dayfirst, $tz)
where resolved_at is null and v_resolved_at is not null;

-- A first response or resolution before the ticket was created cannot be right: by default the
-- row is rejected with the reason (below); a profile with "times_before_created": "missing" keeps
-- the ticket with that time missing, counted in the load's notes.
create or replace temp table load_notes as
select 'first_response_at' as field, count(*) as n, 'first response before creation, kept as missing' as note
from typed where $early_missing and first_response_at < created_at
union all
select 'resolved_at', count(*), 'resolution before creation, kept as missing'
from typed where $early_missing and resolved_at < created_at;

update typed set first_response_at = null, v_first_response_at = null
where $early_missing and first_response_at < created_at;

update typed set resolved_at = null, v_resolved_at = null
where $early_missing and resolved_at < created_at;

-- @include sql/stage_params.sql

-- Typed rows with their reject reasons; a view, evaluated where used.
create or replace temp view staged as
select
    _ord, ticket_id, created_at, cx_source_tz(v_created_at, p.tz) as source_tz, customer_id, channel, region, touchpoint, product,
    category, severity, status, first_response_at, resolved_at, escalated, compensation_amount,
    description,
    list_filter([
        -- @include complaints/missing_fields.sql
    ], lambda f: f is not null and list_contains(p.mapped, f)) as missing,
    extra,
    list_filter([
        case when ticket_id is null then {'field': 'ticket_id', 'reason': 'required value is empty'} end,
        cx_err_parsed('created_at', v_created_at, created_at, 'a date/time', true),
        cx_err_parsed('first_response_at', v_first_response_at, first_response_at, 'a date/time', false),
        cx_err_parsed('resolved_at', v_resolved_at, resolved_at, 'a date/time', false),
        case when first_response_at < created_at then {'field': 'first_response_at',
            'reason': 'first response before the ticket was created: ' || trim(v_first_response_at)
                      || ' < ' || trim(v_created_at)} end,
        case when resolved_at < created_at then {'field': 'resolved_at',
            'reason': 'resolved before the ticket was created: ' || trim(v_resolved_at)
                      || ' < ' || trim(v_created_at)} end,
        cx_err_parsed('escalated', v_escalated, escalated, 'yes/no', false),
        cx_err_parsed('compensation_amount', v_compensation_amount, compensation_amount, 'a number', false)
    ], lambda e: e is not null) as errors,
    ticket_id as _key
from typed, stage_params as p;
