"""The DuckDB -> Spark translation: each rule on its own, and every model translates (no Spark)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.engines.translate import OVERRIDES, result_models, spark_value, to_spark
from warehouse.storage import sqlfiles

from .test_parity import bound

# What DuckDB reads and Spark would read differently or not at all: none may be left over.
LEFTOVERS = ("MATERIALIZED", "UNIX_TIMESTAMP", "PERCENTILE_CONT", "TO_DAYS", "LENGTH(:", "$")


@pytest.mark.parametrize(("duck", "spark"), [
    ("select epoch(t) from x", "UNIX_MICROS(CAST(t AS TIMESTAMP)) / CAST(1000000 AS DOUBLE)"),
    ("select quantile_cont(v, [0.5, 0.9]) from x",
     "PERCENTILE(v, ARRAY(CAST(0.5 AS DOUBLE), CAST(0.9 AS DOUBLE)))"),
    ("select 100.0 * a / b from x", "CAST(100.0 AS DOUBLE) * a / b"),
    ("select len($l) = 0 from x", "SIZE(CAST(:l AS ARRAY<STRING>)) = 0"),
    ("select list_contains($l, v) from x", "ARRAY_CONTAINS(CAST(:l AS ARRAY<STRING>), v)"),
    ("select t >= $start from x", "t >= CAST(:start AS TIMESTAMP_NTZ)"),
    ("select count_if(v > 1) from x", "COUNT_IF(v > 1)"),
    ("select list(id order by t, id) from x",
     "TRANSFORM(ARRAY_SORT(COLLECT_LIST(NAMED_STRUCT('k0', t, 'k1', id, 'v', id))), e -> e.v)"),
    ("select * exclude (a) from x", "SELECT * EXCEPT (a) FROM x"),
    ("with a as not materialized (select 1) select * from a", "WITH a AS (SELECT 1)"),
    ("select max(t) - to_days($d) from x", "MAKE_DT_INTERVAL(:d)"),
])
def test_each_rule(duck, spark):
    params = {"l": ["a"], "start": datetime(2025, 6, 1), "d": 3}
    assert spark in to_spark(duck, params)


def test_values_are_bound_not_pasted():
    text = to_spark("select * from x where v = $v and t < $t", {"v": "o'neil; drop", "t": date(2025, 1, 2)})
    assert "neil" not in text and ":v" in text and "CAST(:t AS DATE)" in text
    assert spark_value(datetime(2025, 6, 1, 8, 30)) == "2025-06-01 08:30:00"
    assert spark_value(("a", "b")) == ["a", "b"]


def test_a_descending_list_order_asks_for_an_override():
    with pytest.raises(ValueError, match="override"):
        to_spark("select list(id order by t desc) from x")


@pytest.mark.parametrize("model", [*result_models(), "lake/derive_complaint_repeats.sql",
                                   "lake/derive_filter_values.sql", "lake/derive_data_facts.sql"])
@pytest.mark.parametrize("viewer", [SYSTEM, Viewer("head", "dept_head", channels=("app",))])
def test_every_model_translates_without_duckdb_leftovers(model, viewer):
    if model in OVERRIDES:
        pytest.fail(f"{model} has an override; test its Spark text in test_parity instead")
    params = bound(Filters(start=date(2025, 6, 1), end=date(2025, 6, 30), segment=("vip",)), viewer)
    params.update(as_of=datetime(2025, 7, 1), current_start=datetime(2025, 6, 1),
                  repeat_window_seconds=30 * 86400)
    sql = sqlfiles.render(sqlfiles.load(model), params)
    used = {k: params[k] for k in sqlfiles.params_used(sql)}
    text = to_spark(sql, used)
    found = [word for word in LEFTOVERS if word in text.upper()]
    assert not found, f"{model}: {found}"
    # a list keeps its order only when sorted (collect_list's own order is the tasks')
    assert text.count("COLLECT_LIST(") == text.count("ARRAY_SORT(COLLECT_LIST(")
