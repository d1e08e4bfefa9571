"""Load SQL models from warehouse/sql/ and run them with bound, named parameters."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).parent / "sql"
_INCLUDE = re.compile(r"^\s*--\s*@include\s+(\S+)\s*$", re.MULTILINE)
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


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


def params_used(sql: str) -> set[str]:
    return set(_PARAM.findall(sql))


def _bound(sql: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """Pass exactly the named parameters the SQL uses; a missing one is a developer error."""
    used = params_used(sql)
    params = params or {}
    missing = used - params.keys()
    if missing:
        raise KeyError(f"SQL parameters not bound: {sorted(missing)}")
    return {k: params[k] for k in used}


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
    sql = load(name)
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
