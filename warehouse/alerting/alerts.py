"""What pages and the command line read and do with alerts: lists, history, signals, acknowledge."""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import PermissionDenied, can
from warehouse.access.scope import Filters, Viewer
from warehouse.alerting.audience import audience_of
from warehouse.alerting.lifecycle import OPEN_STATES, STATES, can_acknowledge
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction


class AlertError(ValueError):
    """An alert action that cannot be done; the message is safe to show."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _scope_params(viewer: Viewer, filters: Filters | None = None) -> dict[str, Any]:
    filters = filters or Filters()
    return {"scoped": viewer.scoped, "scope_channels": list(viewer.channels),
            "scope_regions": list(viewer.regions), "audience": audience_of(viewer),
            "channels": list(filters.channel), "regions": list(filters.region),
            "touchpoints": list(filters.touchpoint)}


def _list(con, viewer: Viewer, states, alert_id=None, filters: Filters | None = None):
    wanted = list(states or [])
    unknown = [s for s in wanted if s not in STATES]
    if unknown:
        raise AlertError(f"Unknown alert state {unknown[0]!r}; one of {', '.join(STATES)}.")
    frame = sqlfiles.df(con, "rules/alerts_list.sql",
                        {"states": wanted, "alert_id": alert_id,
                         **_scope_params(viewer, filters)})
    frame["clocks"] = [json.loads(c) if isinstance(c, str) else (c or []) for c in frame["clocks"]]
    # Unknown recovery stays None (not NaN/NA) so callers can test `is True`.
    frame["recovered"] = pd.Series(
        [None if pd.isna(v) else bool(v) for v in frame["recovered"]], index=frame.index,
        dtype=object,
    )
    return frame


def list_alerts(*, viewer: Viewer, db: str | os.PathLike | None = None,
                states: list[str] | tuple[str, ...] | None = None,
                filters: Filters | None = None) -> pd.DataFrame:
    """Alerts the viewer may see, newest first (all states unless `states` is given).

    A department head sees the company's alerts on one of their channels/regions and the
    alerts of the rules judged on their own scope's data. FILTERS (a page's channel, region and
    touchpoint choice) keep the alerts about what was chosen.
    """
    with connect(db) as con:
        return _list(con, viewer, states, filters=filters)


def visible_alert(con, alert_id: int, viewer: Viewer) -> dict:
    """The alert as VIEWER may see it; the same refusal whether it does not exist or is out of
    their scope."""
    frame = _list(con, viewer, None, int(alert_id))
    if frame.empty:
        # Same message whether it does not exist or is out of scope: nothing is revealed.
        raise AlertError(f"No alert {alert_id} is visible to you.")
    return frame.iloc[0].to_dict()


def acknowledge(alert_id: int, *, viewer: Viewer, note: str,
                db: str | os.PathLike | None = None) -> dict[str, Any]:
    """firing → acknowledged, with who, when and a note (admin, analyst, dept_head in scope)."""
    if not can(viewer, "acknowledge"):
        raise PermissionDenied(f"Your role ({viewer.role}) may not acknowledge alerts.")
    note = (note or "").strip()
    if not note:
        raise AlertError("Write a short note saying who is handling the alert and how.")
    with connect(db, write=True) as con:
        alert = visible_alert(con, alert_id, viewer)
        if not can_acknowledge(alert["state"]):
            by = f" by {alert['acknowledged_by']}" if alert.get("acknowledged_by") else ""
            raise AlertError(f"Alert {alert_id} is {alert['state']}{by}; only a firing alert "
                             "can be acknowledged.")
        at = _now()
        with transaction(con):
            sqlfiles.execute(con, "rules/alert_acknowledge.sql",
                             {"alert_id": int(alert_id), "user": viewer.name, "at": at,
                              "note": note})
            sqlfiles.execute(con, "rules/alert_event_insert.sql", {
                "alert_id": int(alert_id), "at": at, "event": "acknowledged",
                "user": viewer.name, "from_state": alert["state"], "to_state": "acknowledged",
                "level": alert["level"], "value": None, "note": note, "recorded_at": at,
            })
            audit.record(con, viewer.name, "alert_acknowledge", f"alert {alert_id}",
                         {"rule": alert["rule"], "scope": alert["scope"], "note": note})
        return visible_alert(con, alert_id, viewer)


def alert_events(alert_id: int, *, viewer: Viewer,
                 db: str | os.PathLike | None = None) -> pd.DataFrame:
    """The alert's history: opened, escalated, phase changes, acknowledged, resolved, recovered."""
    with connect(db) as con:
        visible_alert(con, alert_id, viewer)
        return sqlfiles.df(con, "rules/alert_events.sql", {"alert_id": int(alert_id)})


def open_counts(*, viewer: Viewer, db: str | os.PathLike | None = None,
                filters: Filters | None = None) -> dict[str, int]:
    """Open (firing or acknowledged) alerts the viewer may see, by level."""
    frame = list_alerts(viewer=viewer, db=db, states=OPEN_STATES, filters=filters)
    counts = {level: int((frame["level"] == level).sum()) for level in ("red", "yellow")}
    counts["total"] = len(frame)
    counts["firing"] = int((frame["state"] == "firing").sum())
    return counts


def _scope_visible(scope: str, viewer: Viewer) -> bool:
    """The same rule as alerts_list.sql, for scopes written as 'dim=value' or 'all'."""
    if not viewer.scoped:
        return True
    dim, _, value = scope.partition("=")
    value = value.strip().lower()
    if not (viewer.channels or viewer.regions):
        return False
    if viewer.channels and not (dim == "channel" and value in viewer.channels):
        return False
    return not viewer.regions or (dim == "region" and value in viewer.regions)


def signals(*, viewer: Viewer, db: str | os.PathLike | None = None,
            statuses: tuple[str, ...] | None = ("latent", "yellow", "red")) -> pd.DataFrame:
    """Where each rule and scope stood in its latest evaluated period: the latent phase (inside
    but close to a limit, or a run building up) shows here before any alert opens.

    Columns: rule, rule_name_en, rule_name_zh, scope, period_end, value, limit, status.
    """
    with connect(db) as con:
        runs = sqlfiles.rows(con, "rules/latest_evaluations.sql")
    records = []
    for run in runs:
        latest = json.loads(run["latest"]) if isinstance(run["latest"], str) else {}
        for scope, point in latest.items():
            if statuses and point.get("status") not in statuses:
                continue
            if not _scope_visible(scope, viewer):
                continue
            records.append({"rule": run["rule_id"], "rule_name_en": run["name_en"],
                            "rule_name_zh": run["name_zh"], "scope": scope,
                            "period_end": pd.Timestamp(point.get("period_end")),
                            "value": point.get("value"), "limit": point.get("limit"),
                            "status": point.get("status")})
    columns = ["rule", "rule_name_en", "rule_name_zh", "scope", "period_end", "value", "limit",
               "status"]
    return pd.DataFrame(records, columns=columns)


def evaluation_log(*, viewer: Viewer, db: str | os.PathLike | None = None,
                   rule_id: str | None = None, limit: int = 200) -> pd.DataFrame:
    """The most recent evaluation runs (every run of every rule is logged; counts, no values)."""
    with connect(db) as con:
        return sqlfiles.df(con, "rules/evaluations_list.sql",
                           {"rule_id": rule_id, "limit": int(limit)})


def as_json_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The CLI contract: id, rule, scope, level, state, value, limit, opened_at, resolved_at,
    response_level, due_at (timestamps ISO 8601 UTC, missing values null)."""
    keys = ["id", "rule", "scope", "level", "state", "value", "limit", "opened_at",
            "resolved_at", "response_level", "due_at", "phase", "acknowledged_by"]
    rows = []
    for record in frame[keys].to_dict("records"):
        row = {}
        for key, value in record.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
                row[key] = None
            elif isinstance(value, (pd.Timestamp, datetime)):
                row[key] = value.isoformat()
            elif isinstance(value, np.integer):
                row[key] = int(value)
            elif isinstance(value, np.floating):
                row[key] = float(value)
            else:
                row[key] = value
        rows.append(row)
    return rows
