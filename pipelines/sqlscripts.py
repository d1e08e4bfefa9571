"""Run the staging/merge SQL scripts that live beside each kind, with bound named parameters."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from warehouse.storage.sqlfiles import params_used

PIPELINES_DIR = Path(__file__).parent
_INCLUDE = re.compile(r"^[ \t]*--[ \t]*@include[ \t]+(\S+)[ \t]*$", re.MULTILINE)


@cache
def source(name: str) -> str:
    """The text of pipelines/NAME, each `-- @include other.sql` line replaced by that file's text.

    Includes share the steps the kinds' scripts have in common; they compose trusted files only.
    """
    path = (PIPELINES_DIR / name).resolve()
    if PIPELINES_DIR.resolve() not in path.parents:
        raise ValueError(f"SQL script outside {PIPELINES_DIR}: {name}")
    return _INCLUDE.sub(lambda m: source(m.group(1)).rstrip("\n"), path.read_text(encoding="utf-8"))


@cache
def statements(name: str) -> tuple[str, ...]:
    """The statements of pipelines/NAME (split at a `;` that ends a line); comments dropped."""
    found, current = [], []
    for line in source(name).splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            text = "\n".join(current).strip().rstrip(";")
            if text:
                found.append(text)
            current = []
    if "\n".join(current).strip():
        found.append("\n".join(current).strip())
    return tuple(found)


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None):
    """Run every statement of the script; each gets exactly the parameters it uses."""
    params = params or {}
    result = None
    for sql in statements(name):
        used = params_used(sql)
        missing = used - params.keys()
        if missing:
            raise KeyError(f"{name}: SQL parameters not bound: {sorted(missing)}")
        result = con.execute(sql, {k: params[k] for k in used})
    return result
