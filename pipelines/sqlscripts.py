"""Run the staging/merge SQL scripts that live beside each kind, with bound named parameters."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from warehouse.sqlfiles import params_used

PIPELINES_DIR = Path(__file__).parent


@cache
def statements(name: str) -> tuple[str, ...]:
    """The statements of pipelines/NAME (split at a `;` that ends a line); comments dropped."""
    path = (PIPELINES_DIR / name).resolve()
    if PIPELINES_DIR.resolve() not in path.parents:
        raise ValueError(f"SQL script outside {PIPELINES_DIR}: {name}")
    found, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
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
