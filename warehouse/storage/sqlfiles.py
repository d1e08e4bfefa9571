"""The one SQL loader: .sql files with `-- @include`, `-- @when` blocks and bound `$name` parameters.

The warehouse's models live in warehouse/sql/ (module-level functions here); the loaders' staging
and merge scripts live beside each export kind in pipelines/ (pipelines/sqlscripts.py is a
SqlFolder of that folder). Both follow the same restricted grammar, which is what keeps values
out of SQL text:

- `-- @include NAME` on a line of its own pastes another file of the same folder;
- lines between `-- @when NAME` (or `-- @when not NAME`) and `-- @end` are kept only when the
  bound value of NAME is (not) set: true, or a non-empty list. Blocks nest;
- values are always bound parameters (`$name`); table and column names come from the files.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).parent.parent / "sql"
_INCLUDE = re.compile(r"^[ \t]*--[ \t]*@include[ \t]+(\S+)[ \t]*$", re.MULTILINE)
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_WHEN = re.compile(r"^\s*--\s*@when\s+(not\s+)?([a-z_][a-z0-9_]*)\s*$")
_END = re.compile(r"^\s*--\s*@end\s*$")
_COMMENT = re.compile(r"--[^\n]*")


class SqlFolder:
    """The .sql files below ROOT: loaded with their includes, rendered, run with bound values."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.load = cache(self._load)

    def _load(self, name: str) -> str:
        """The text of ROOT/NAME, each `-- @include other.sql` line replaced by that file's text.

        Includes compose trusted files of this folder only; values never reach the text.
        """
        path = (self.root / name).resolve()
        if self.root not in path.parents:
            raise ValueError(f"SQL file outside {self.root}: {name}")
        return self.expand(path.read_text(encoding="utf-8"))

    def expand(self, text: str) -> str:
        """TEXT with each `-- @include NAME` line replaced by ROOT/NAME (see load)."""
        return _INCLUDE.sub(lambda m: self.load(m.group(1)).rstrip(), text)

    def statements(self, name: str) -> tuple[str, ...]:
        """The statements of the script NAME as written (all `-- @when` blocks kept)."""
        return _split(self.load(name))

    def execute(self, con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
        """Run the one statement of NAME with its `-- @when` blocks rendered for PARAMS."""
        sql = render(self.load(name), params)
        return con.execute(sql, bound(sql, params))

    def run(self, con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
        """Run every statement of the script NAME; each gets exactly the parameters it uses."""
        result = None
        for sql in _split(render(self.load(name), params)):
            try:
                values = bound(sql, params)
            except KeyError as exc:
                raise KeyError(f"{name}: {exc.args[0]}") from None
            result = con.execute(sql, values)
        return result


@cache
def _split(text: str) -> tuple[str, ...]:
    """The statements of TEXT (split at a `;` that ends a line), comment lines dropped."""
    found, current = [], []
    for line in text.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statement = "\n".join(current).strip().rstrip(";")
            if statement:
                found.append(statement)
            current = []
    if "\n".join(current).strip():
        found.append("\n".join(current).strip())
    return tuple(found)


@cache
def _conditions(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.group(2) for line in text.splitlines() if (m := _WHEN.match(line))}))


def conditions(text: str) -> tuple[str, ...]:
    """The names the `-- @when` blocks of TEXT test, sorted."""
    return _conditions(text)


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
    only be folded away cost as much as running a small query.
    """
    names = _conditions(text)
    if not names and "@end" not in text:
        return text
    params = params or {}
    missing = [n for n in names if n not in params]
    if missing:
        raise KeyError(f"SQL parameters not bound: {missing}")
    return _render(text, frozenset(n for n in names if params[n]))


@cache
def _names(sql: str) -> frozenset[str]:
    return frozenset(_PARAM.findall(_COMMENT.sub("", sql)))


def params_used(sql: str) -> set[str]:
    """The $names the SQL uses outside comments (worked out once per text: the texts come from
    the caches of load() and render(), and every read asks twice)."""
    return set(_names(sql))


def bound(sql: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """Exactly the named parameters the SQL uses; a missing one is a developer error."""
    used = params_used(sql)
    params = params or {}
    missing = used - params.keys()
    if missing:
        raise KeyError(f"SQL parameters not bound: {sorted(missing)}")
    return {k: params[k] for k in used}


MODELS = SqlFolder(SQL_DIR)
load = MODELS.load
expand = MODELS.expand


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
    """Run the model warehouse/sql/NAME with bound PARAMS."""
    # an engine over a lake (warehouse/engines) translates the text, or runs its own for NAME
    run_model = getattr(con, "run_model", None)
    if run_model is not None:
        sql = render(load(name), params)
        return run_model(name, sql, bound(sql, params))
    return MODELS.execute(con, name, params)


def df(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    return execute(con, name, params).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[dict]:
    cur = execute(con, name, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def one(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> dict | None:
    found = rows(con, name, params)
    return found[0] if found else None
