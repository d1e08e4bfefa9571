-- A profile's value recodes on the raw text, before any conversion: each column's value (trimmed,
-- lower-cased) is looked up among the pairs for that column's field ({f: field, s: source value,
-- d: canonical value}); values without a pair stay as written.
create or replace temp table raw0 as
select coalesce(
    list_extract(list_transform(
        list_filter(cast($recode as struct(f varchar, s varchar, d varchar)[]),
                    lambda e: e.f = alias(COLUMNS(*)) and e.s = lower(trim(COLUMNS(*)))),
        lambda e: e.d), 1),
    COLUMNS(*))
from raw0;
