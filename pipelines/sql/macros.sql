-- Conversion macros of the staging database: text in, typed value (or NULL) out.
-- A NULL result for a non-empty input means "could not convert"; the cx_err_* macros
-- turn that into a reject reason. Values always arrive as bound parameters or columns.

-- Placeholders exports write for "not yet / none" are missing values, never data: a marker in any
-- column, and in numeric, date and yes/no columns also NA/None/NaN and the placeholder dates
-- helpdesk tools write for an empty date. A profile's `missing_values` adds to the markers (the
-- stager sets the variable `cx_markers` to them, upper-cased). The raw text is kept with the row
-- (see sql/markers.sql).
set variable cx_markers = cast([] as varchar[]);

create or replace temp macro cx_marker(v) as
    length(v) <= 40 and (
        upper(trim(v)) in ('-', '--', '—', '–', 'N/A', '#N/A', 'NULL', '(NULL)', '无')
        or list_contains(getvariable('cx_markers'), upper(trim(v))));

create or replace temp macro cx_missing(v) as
    v is null or trim(v) = '' or (length(v) <= 40 and (
        cx_marker(v)
        or upper(trim(v)) in ('NA', 'NONE', 'NAN')
        or (left(trim(v), 2) in ('19', '18', '00') and regexp_full_match(trim(v),
            '(1900-01-01|1899-12-30|0000-00-00)([ T]00:00(:00(\.0+)?)?)?|1970-01-01[ T]00:00:00(\.0+)?Z?'))));

create or replace temp macro cx_text(v) as case when cx_marker(v) then null else nullif(trim(v), '') end;

-- Numbers: optional sign and currency sign, thousands separators only in well-formed groups.
create or replace temp macro cx_num_text(v) as
    regexp_replace(regexp_replace(trim(v), '^([-+]?)\s*[¥￥$€£]\s*', '\1'), '\s+', '', 'g');

-- Only finite numbers: 1e309 overflows to infinity and is rejected like "inf".
create or replace temp macro cx_num(v) as
    case
        when cx_missing(v) then null
        when isfinite(try_cast(trim(v) as double)) then try_cast(trim(v) as double)
        when regexp_full_match(cx_num_text(v), '[-+]?\d{1,3}(,\d{3})+(\.\d+)?')
            and isfinite(try_cast(replace(cx_num_text(v), ',', '') as double))
            then try_cast(replace(cx_num_text(v), ',', '') as double)
        when regexp_full_match(cx_num_text(v), '[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?')
            and isfinite(try_cast(cx_num_text(v) as double))
            then try_cast(cx_num_text(v) as double)
    end;

create or replace temp macro cx_int(v) as
    case when cx_num(v) = floor(cx_num(v)) and abs(cx_num(v)) < 2147483648 then cast(cx_num(v) as integer) end;

create or replace temp macro cx_bool(v) as
    case
        when lower(trim(v)) in ('yes', 'y', 'true', 't', '1', '是', '有', '对', '已升级') then true
        when lower(trim(v)) in ('no', 'n', 'false', 'f', '0', '否', '无', '没有', '未升级') then false
    end;

-- Dates and times. 'T' becomes a space and runs of spaces collapse before matching.
create or replace temp macro cx_ts_text(v) as
    regexp_replace(regexp_replace(trim(v), '(\d)T(\d)', '\1 \2'), '\s+', ' ', 'g');

create or replace temp macro cx_ts_ymd(s) as try_strptime(s, [
    '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d',
    '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d',
    '%Y.%m.%d %H:%M:%S', '%Y.%m.%d %H:%M', '%Y.%m.%d',
    '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日 %H时%M分', '%Y年%m月%d日', '%Y%m%d']);

create or replace temp macro cx_ts_dmy(s) as try_strptime(s, [
    '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d/%m/%Y %I:%M:%S %p', '%d/%m/%Y %I:%M %p',
    '%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y']);

create or replace temp macro cx_ts_mdy(s) as try_strptime(s, [
    '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M %p',
    '%m-%d-%Y %H:%M:%S', '%m-%d-%Y %H:%M', '%m-%d-%Y', '%m.%d.%Y %H:%M:%S', '%m.%d.%Y %H:%M', '%m.%d.%Y']);

-- Excel stores dates as days since 1899-12-30; five-digit serials cover 1927..2173.
create or replace temp macro cx_ts_excel(s) as
    case when regexp_full_match(s, '\d{5}(\.\d+)?')
        then timestamp '1899-12-30' + to_microseconds(cast(round(cast(s as double) * 86400000000) as bigint))
    end;

create or replace temp macro cx_ts_local(v, dayfirst) as
    case when cx_missing(v) then null else coalesce(
        cx_ts_ymd(cx_ts_text(v)),
        case when dayfirst then cx_ts_dmy(cx_ts_text(v)) else cx_ts_mdy(cx_ts_text(v)) end,
        cx_ts_excel(cx_ts_text(v)))
    end;

create or replace temp macro cx_has_offset(v) as
    regexp_matches(trim(v), '\d:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$');

create or replace temp macro cx_ts_offset(v) as timezone('UTC', try_strptime(
    regexp_replace(regexp_replace(cx_ts_text(v), '\s*Z$', '+0000'), '\s+([+-]\d{2}:?\d{2})$', '\1'),
    ['%Y-%m-%d %H:%M:%S.%f%z', '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%d %H:%M%z',
     '%Y/%m/%d %H:%M:%S%z', '%Y/%m/%d %H:%M%z']));

-- The zone a value was read in: its own offset when it carries one ('Z' = UTC), else the
-- load's default zone (recorded per row as source_tz).
create or replace temp macro cx_source_tz(v, tz) as
    case when v is not null and cx_has_offset(v) then
        case when upper(regexp_extract(trim(v), '(Z|z|[+-]\d{2}:?\d{2})$', 1)) = 'Z' then 'UTC'
             else 'UTC' || regexp_replace(regexp_extract(trim(v), '([+-]\d{2}:?\d{2})$', 1),
                                          '^([+-]\d{2})(\d{2})$', '\1:\2')
        end
    else tz end;

create or replace temp macro cx_has_time(v) as
    regexp_matches(v, '\d:\d{2}') or regexp_full_match(trim(v), '\d{5}\.\d*[1-9]\d*');

-- DuckDB's own cast reads ISO-like values fast but drops a zone offset, so it is used only for
-- values that cannot carry one (ISO without offset is at most 19 characters, or no offset found).
create or replace temp macro cx_no_offset(v) as
    length(v) <= 19 or not regexp_matches(v, '[zZ]|[+-]\d\d:?\d\d\s*$');

create or replace temp macro cx_ts_fast(t, n, tz) as
    case when n <= 10 then t else timezone('UTC', timezone(tz, t)) end;

create or replace temp macro cx_ts_slow(v, dayfirst, tz) as
    case
        when cx_missing(v) then null
        when cx_has_offset(v) then cx_ts_offset(v)
        when cx_has_time(v) then timezone('UTC', timezone(tz, cx_ts_local(v, dayfirst)))
        else cx_ts_local(v, dayfirst)
    end;

-- The fast path alone: NULL when the value needs the slow path (stage scripts run that only for
-- the rows left NULL, which keeps clean ISO files fast).
-- `fixed_offset` (seconds) is set when the zone has had one UTC offset since 1992 (e.g.
-- Asia/Shanghai): plain arithmetic then replaces the much slower zone lookup.
create or replace temp macro cx_ts_quick(v, tz, fixed_offset) as
    case when cx_no_offset(v) and not cx_missing(v) then
        case
            when length(trim(v)) <= 10 then try_cast(v as timestamp)
            when fixed_offset is not null and try_cast(v as timestamp) >= timestamp '1992-01-01'
                then try_cast(v as timestamp) - to_seconds(fixed_offset)
            else cx_ts_fast(try_cast(v as timestamp), length(trim(v)), tz)
        end
    end;

create or replace temp macro cx_date_quick(v) as
    case when length(trim(v)) <= 10 and not cx_missing(v) then try_cast(v as date) end;

-- A timestamp in UTC: explicit offsets win, local times are read in the source zone; a date
-- without a time is a calendar day and keeps its date (midnight), since a day has no instant.
create or replace temp macro cx_ts(v, dayfirst, tz) as
    case
        when cx_missing(v) then null
        when cx_no_offset(v) and try_cast(v as timestamp) is not null
            then cx_ts_fast(try_cast(v as timestamp), length(trim(v)), tz)
        else cx_ts_slow(v, dayfirst, tz)
    end;

create or replace temp macro cx_date(v, dayfirst) as
    case when cx_missing(v) then null
         when length(trim(v)) = 10 and cx_no_offset(v) and try_cast(v as date) is not null
            then try_cast(v as date)
         when cx_has_offset(v) then cast(cx_ts_offset(v) as date) else cast(cx_ts_local(v, dayfirst) as date) end;

-- Benchmark periods: 2025Q1, 2025-Q1, Q1 2025, 2025年第1季度, 2025-03, 2025/3, 2025年3月, 2025, or a date.
create or replace temp macro cx_period(v) as
    case
        when cx_missing(v) then null
        when regexp_full_match(upper(trim(v)), '(\d{4})\s*[-/ ]?\s*Q([1-4])')
            then make_date(cast(regexp_extract(upper(trim(v)), '(\d{4})', 1) as integer),
                           cast(regexp_extract(upper(trim(v)), 'Q([1-4])', 1) as integer) * 3 - 2, 1)
        when regexp_full_match(upper(trim(v)), 'Q([1-4])\s*[-/ ]?\s*(\d{4})')
            then make_date(cast(regexp_extract(upper(trim(v)), '(\d{4})', 1) as integer),
                           cast(regexp_extract(upper(trim(v)), 'Q([1-4])', 1) as integer) * 3 - 2, 1)
        when regexp_full_match(trim(v), '(\d{4})年第?([1-4])季度?')
            then make_date(cast(regexp_extract(trim(v), '(\d{4})', 1) as integer),
                           cast(regexp_extract(trim(v), '年第?([1-4])', 1) as integer) * 3 - 2, 1)
        when regexp_full_match(trim(v), '(\d{4})\s*[-/.年]\s*(0?[1-9]|1[0-2])月?')
            then make_date(cast(regexp_extract(trim(v), '^(\d{4})', 1) as integer),
                           cast(regexp_extract(trim(v), '(\d{1,2})月?$', 1) as integer), 1)
        when regexp_full_match(trim(v), '\d{4}年?')
            then make_date(cast(regexp_extract(trim(v), '(\d{4})', 1) as integer), 1, 1)
        else cx_date(v, false)
    end;

-- Reject reasons: a struct {field, reason} or NULL when the value is acceptable.
create or replace temp macro cx_err_required(name, v) as
    case when cx_text(v) is null then {'field': name, 'reason': 'required value is empty'} end;

create or replace temp macro cx_err_ts(name, v, dayfirst, required) as
    case
        when cx_missing(v) then
            case when required then {'field': name, 'reason': 'required date is empty'} end
        when (cx_has_offset(v) and cx_ts_offset(v) is null) or (not cx_has_offset(v) and cx_ts_local(v, dayfirst) is null)
            then {'field': name, 'reason': 'not a date/time: ' || left(v, 60)}
    end;

create or replace temp macro cx_err_period(name, v) as
    case
        when cx_missing(v) then {'field': name, 'reason': 'required period is empty'}
        when try(cx_period(v)) is null then {'field': name, 'reason': 'not a period (2025-03, 2025Q1, 2025): ' || left(v, 60)}
    end;

create or replace temp macro cx_err_num(name, v, required) as
    case
        when cx_missing(v) then case when required then {'field': name, 'reason': 'required number is empty'} end
        when cx_num(v) is null then {'field': name, 'reason': 'not a number: ' || left(v, 60)}
    end;

create or replace temp macro cx_err_int(name, v) as
    case
        when cx_missing(v) then null
        when cx_int(v) is null then {'field': name, 'reason': 'not a whole number: ' || left(v, 60)}
    end;

create or replace temp macro cx_err_bool(name, v) as
    case
        when cx_missing(v) then null
        when cx_bool(v) is null then {'field': name, 'reason': 'not yes/no: ' || left(v, 60)}
    end;

create or replace temp macro cx_err_score(name, v, low, high) as
    case
        when cx_missing(v) then null
        when cx_num(v) is null then {'field': name, 'reason': 'not a number: ' || left(v, 60)}
        when cx_num(v) < low or cx_num(v) > high
            then {'field': name, 'reason': 'out of range ' || low || '..' || high || ': ' || trim(v)}
    end;

-- Unmapped source columns ("extra:<n>") as a JSON object keyed by their original headers.
create or replace temp macro cx_extra(keys, vals, any_value) as
    case when any_value is not null and len(list_filter(vals, lambda x: x is not null and trim(x) <> '')) > 0 then
        to_json(map_from_entries(list_filter(
            list_transform(list_zip(keys, vals), lambda e: {'k': e[1], 'v': e[2]}),
            lambda e: e.k <> '' and e.v is not null and trim(e.v) <> '')))
    end;

-- Reject reason from a value and its parsed result (the parse is done once, in the stage SQL).
create or replace temp macro cx_err_parsed(name, v, parsed, what, required) as
    case
        when parsed is not null then null
        when cx_missing(v) then
            case when required then {'field': name, 'reason': 'required ' || what || ' is empty'} end
        when parsed is null then {'field': name, 'reason': 'not ' || what || ': ' || left(v, 60)}
    end;

create or replace temp macro cx_err_range(name, v, parsed, low, high) as
    case
        when parsed between low and high then null
        when cx_missing(v) then null
        when parsed is null then {'field': name, 'reason': 'not a number: ' || left(v, 60)}
        when parsed < low or parsed > high
            then {'field': name, 'reason': 'out of range ' || low || '..' || high || ': ' || trim(v)}
    end;

-- The first or second number of a d/m/yyyy or m/d/yyyy value (NULL for other shapes; the cheap
-- separator test keeps ISO values off the regex).
create or replace temp macro cx_dm_part(v, i) as
    case when substr(v, 2, 1) in ('/', '.', '-') or substr(v, 3, 1) in ('/', '.', '-')
        then try_cast(regexp_extract(trim(v), '^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}', i) as integer)
    end;

-- cx_ts_quick from a value and its cast (`cast_v` = try_cast(v as timestamp)), for queries that
-- cast each value once.
create or replace temp macro cx_ts_cast(v, cast_v, tz, fixed_offset) as
    case when cx_no_offset(v) and not cx_missing(v) then
        case
            when length(trim(v)) <= 10 then cast_v
            when fixed_offset is not null and cast_v >= timestamp '1992-01-01'
                then cast_v - to_seconds(fixed_offset)
            else cx_ts_fast(cast_v, length(trim(v)), tz)
        end
    end;
