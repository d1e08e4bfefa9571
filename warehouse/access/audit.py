"""Append-only audit log: who did what, when."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import duckdb
import pandas as pd

from warehouse.access.permissions import require
from warehouse.access.scope import Viewer
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect


def record(
    con: duckdb.DuckDBPyConnection,
    user: str | None,
    action: str,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change).

    AT (naive UTC) is when it happened, for entries that waited in the sign-in queue; now by default.
    """
    sqlfiles.execute(con, "access/audit_insert.sql", {
        "at_utc": at or datetime.now(UTC).replace(tzinfo=None), "user_name": user, "action": action, "target": target,
        "detail": json.dumps(detail or {}, ensure_ascii=False, default=str),
    })


def list_audit(
    *,
    viewer: Viewer,
    db=None,
    start: date | None = None,
    end: date | None = None,
    users: Iterable[str] = (),
    actions: Iterable[str] = (),
    text: str | None = None,
    limit: int = 1000,
) -> pd.DataFrame:
    """Audit entries, newest first (admin only); dates are inclusive UTC days."""
    require(viewer, "view_audit")
    params = {
        "start": datetime.combine(start, time.min) if start else None,
        "end": datetime.combine(end + timedelta(days=1), time.min) if end else None,
        "users": sorted({str(u).strip().lower() for u in users if str(u).strip()}),
        "actions": sorted({str(a).strip() for a in actions if str(a).strip()}),
        "text": str(text).strip().lower() if text and str(text).strip() else None,
        "limit": max(1, min(int(limit), 100_000)),
    }
    with connect(db) as con:
        return sqlfiles.df(con, "access/audit_list.sql", params)


def audit_actions(*, viewer: Viewer, db=None) -> list[str]:
    """The kinds of action the log holds so far (for the audit page's filter)."""
    require(viewer, "view_audit")
    with connect(db) as con:
        return [r["action"] for r in sqlfiles.rows(con, "access/audit_actions.sql")]
