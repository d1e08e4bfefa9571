"""Load SQL models from warehouse/sql/ and run them with bound, named parameters."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).parent.parent / "sql"
_INCLUDE = re.compile(r"^\s*--\s*@include\s+(\S+)\s*$", re.MULTILINE)
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
# `-- @when NAME` … `-- @end` (or `-- @when not NAME`) on lines of their own: the lines between
# are kept only when the bound value of NAME is (not) set: true, or a non-empty list. Blocks nest.
_WHEN = re.compile(r"^\s*--\s*@when\s+(not\s+)?([a-z_][a-z0-9_]*)\s*$")
_END = re.compile(r"^\s*--\s*@end\s*$")


@cache
def load(name: str) -> str:
    """The text of warehouse/sql/NAME (with `-- @include other.sql` lines replaced by that file).

    Includes compose trusted SQL files only; values never reach the text.
    """
    path = (SQL_DIR / name).resolve()
    if SQL_DIR.resolve() not in path.parents:
        raise ValueError(f"SQL model outside {SQL_DIR}: {name}")
    return expand(path.read_text(encoding="utf-8"))


def expand(text: str) -> str:
    """`text` with each `-- @include NAME` line replaced by warehouse/sql/NAME (see load)."""
    return _INCLUDE.sub(lambda m: load(m.group(1)).rstrip().rstrip(";"), text)


@cache
def _conditions(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.group(2) for line in text.splitlines() if (m := _WHEN.match(line))}))


@cache
def _render(text: str, active: frozenset[str]) -> str:
    kept, keeping = [], [True]
    for line in text.splitlines(keepends=True):
        if m := _WHEN.match(line):
            keeping.append(keeping[-1] and ((m.group(2) in active) != bool(m.group(1))))
        elif _END.match(line):
            if len(keeping) == 1:
                raise ValueError("-- @end without -- @when")
            keeping.pop()
        elif keeping[-1]:
            kept.append(line)
    if len(keeping) != 1:
        raise ValueError("-- @when without -- @end")
    return "".join(kept)


def render(text: str, params: dict[str, Any] | None) -> str:
    """`text` with its `-- @when NAME` blocks kept or dropped by the values in `params`.

    A filter part that cannot apply (no segment asked for, no department-head scope) is then
    not in the query at all: DuckDB plans each query anew, and planning the parts that would
    only be folded away cost as much as running a small query. The blocks are trusted SQL;
    values never reach the text.
    """
    names = _conditions(text)
    if not names and "@end" not in text:
        return text
    params = params or {}
    missing = [n for n in names if n not in params]
    if missing:
        raise KeyError(f"SQL parameters not bound: {missing}")
    return _render(text, frozenset(n for n in names if params[n]))


_COMMENT = re.compile(r"--[^\n]*")


@cache
def _names(sql: str) -> frozenset[str]:
    return frozenset(_PARAM.findall(_COMMENT.sub("", sql)))


def params_used(sql: str) -> set[str]:
    """The $names the SQL uses outside comments (worked out once per text: the texts come from
    the caches of load() and render(), and every read asks twice)."""
    return set(_names(sql))


def _bound(sql: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """Pass exactly the named parameters the SQL uses; a missing one is a developer error."""
    used = params_used(sql)
    params = params or {}
    missing = used - params.keys()
    if missing:
        raise KeyError(f"SQL parameters not bound: {sorted(missing)}")
    return {k: params[k] for k in used}


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
    sql = render(load(name), params)
    # an engine over a lake (warehouse/engines) translates the text, or runs its own for NAME
    run_model = getattr(con, "run_model", None)
    if run_model is not None:
        return run_model(name, sql, _bound(sql, params))
    return con.execute(sql, _bound(sql, params))


def df(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    return execute(con, name, params).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[dict]:
    cur = execute(con, name, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def one(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> dict | None:
    found = rows(con, name, params)
    return found[0] if found else None
