"""Append-only audit log: who did what, when."""

from __future__ import annotations

import json
from typing import Any

import duckdb


def record(
    con: duckdb.DuckDBPyConnection,
    user: str | None,
    action: str,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change)."""
    con.execute(
        "insert into audit_log (at_utc, user_name, action, target, detail) "
        "values (now()::timestamp, ?, ?, ?, ?)",
        [user, action, target, json.dumps(detail or {}, ensure_ascii=False, default=str)],
    )
