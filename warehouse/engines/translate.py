"""DuckDB-dialect SQL models -> Spark SQL, with sqlglot at run time (one function: `to_spark`)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

import sqlglot
from sqlglot import exp

from warehouse.storage.sqlfiles import SQL_DIR

# Models whose meaning translation cannot keep: name -> why. Spark runs warehouse/sql/spark/NAME
# (Spark SQL, `:name` parameters) instead. Empty: every model translates. A new entry needs its
# reason here and in warehouse/docs/scaleout.md; the parity suite (tests/scaleout) runs every
# result model on Spark, so a model that needs one fails there until it is listed.
OVERRIDES: dict[str, str] = {}


def _param_type(value: Any) -> str | None:
    """The Spark type a bound value is cast to in the text (None: the literal's own type)."""
    if isinstance(value, datetime):
        return "timestamp_ntz"
    if isinstance(value, date):
        return "date"
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, bool) for v in value):
            return "array<boolean>"
        if value and all(isinstance(v, int) for v in value):
            return "array<bigint>"
        if value and all(isinstance(v, (int, float)) for v in value):
            return "array<double>"
        return "array<string>"
    return None


def spark_value(value: Any) -> Any:
    """A bound value as Spark's parameter binding takes it (the text casts it back)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _inner(node: exp.Expression, types: dict[str, str | None]) -> exp.Expression:
    """The rules applied inside a node a rule put in place (transform does not revisit it)."""
    return node.transform(lambda n: _rewrite(n, types))


def _rewrite(node: exp.Expression, types: dict[str, str | None]) -> exp.Expression:
    # $name -> cast(:name as TYPE): Spark binds lists and times from Python without a type.
    if isinstance(node, exp.Placeholder) and node.name in types:
        if types[node.name]:
            return exp.cast(exp.Placeholder(this=node.name), types[node.name], dialect="spark")
        return node
    # len($list): DuckDB's length of a list is Spark's size()
    if (
        isinstance(node, exp.Length)
        and isinstance(node.this, exp.Placeholder)
        and (types.get(node.this.name) or "").startswith("array")
    ):
        return exp.ArraySize(this=_inner(node.this, types))
    # DuckDB's 100.0 is a decimal that divides to a double; Spark keeps decimals (6 digits).
    if isinstance(node, exp.Literal) and not node.is_string and ("." in node.this or "e" in node.this.lower()):
        return exp.cast(node, "double")
    # epoch(ts): seconds with their fraction (Spark's unix_timestamp drops the fraction).
    if isinstance(node, exp.TimeToUnix):
        micros = exp.Anonymous(
            this="unix_micros", expressions=[exp.cast(_inner(node.this, types), "timestamp")]
        )
        return exp.Div(this=micros, expression=exp.cast(exp.Literal.number("1000000"), "double"))
    # quantile_cont(x, [..]): Spark's exact percentile (linear interpolation, as DuckDB's)
    if isinstance(node, (exp.PercentileCont, exp.Quantile)) and node.args.get("expression") is not None:
        return exp.Anonymous(
            this="percentile",
            expressions=[_inner(node.this, types), _inner(node.expression, types)],
        )
    # to_days(n): a day interval
    if isinstance(node, exp.ToDays):
        return exp.Anonymous(this="make_dt_interval", expressions=[_inner(node.this, types)])
    # list(x order by a, b): Spark's collect_list has no order; sort (a, b, x) structs instead
    if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
        return _ordered_list(_inner(node.this, types))
    # `as [not] materialized` is a planning hint DuckDB reads; Spark plans CTEs itself.
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        node.set("materialized", None)
    return node


def _ordered_list(order: exp.Order) -> exp.Expression:
    keys = order.expressions
    if any(k.args.get("desc") for k in keys):
        raise ValueError("list(… order by … desc) has no translation; add an override")
    fields = [exp.Literal.string(f"k{i}") for i in range(len(keys))]
    pairs = [item for f, k in zip(fields, keys) for item in (f, k.this)]
    packed = exp.Anonymous(
        this="named_struct", expressions=[*pairs, exp.Literal.string("v"), order.this]
    )
    ordered = exp.Anonymous(
        this="array_sort", expressions=[exp.Anonymous(this="collect_list", expressions=[packed])]
    )
    return sqlglot.parse_one("transform(_x, e -> e.v)", read="spark").transform(
        lambda n: ordered if isinstance(n, exp.Column) and n.name == "_x" else n
    )


def to_spark(sql: str, params: dict[str, Any] | None = None) -> str:
    """The Spark SQL text of one DuckDB-dialect statement with `$name` parameters.

    Bound values stay values: the text gets `:name` markers (cast to the value's type), the
    caller binds spark_value(v) for each.
    """
    types = {k: _param_type(v) for k, v in (params or {}).items()}
    return _to_spark(sql, tuple(sorted(types.items())))


@cache
def _to_spark(sql: str, types: tuple[tuple[str, str | None], ...]) -> str:
    typed = dict(types)
    statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    if len(statements) != 1:
        raise ValueError("one statement per model")
    tree = statements[0].transform(lambda n: _rewrite(n, typed))
    return tree.sql(dialect="spark", unsupported_level=sqlglot.ErrorLevel.RAISE, comments=False)


# The folders of the models whose results pages show: the parity suite runs each on Spark.
RESULT_FOLDERS = ("metrics", "marts")
_INCLUDE = re.compile(r"^\s*--\s*@include\s+(\S+)\s*$", re.MULTILINE)


def result_models() -> list[str]:
    """Every model under RESULT_FOLDERS that is run on its own (not only included by others)."""
    included = {
        name
        for path in SQL_DIR.rglob("*.sql")
        for name in _INCLUDE.findall(path.read_text(encoding="utf-8"))
    }
    return sorted(
        f"{folder}/{path.name}"
        for folder in RESULT_FOLDERS
        for path in (SQL_DIR / folder).glob("*.sql")
        if f"{folder}/{path.name}" not in included
    )
