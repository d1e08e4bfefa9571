"""Alert work orders: assign an alert to an owner or team with a due time and a note; the owner is told."""

from __future__ import annotations

import os
from datetime import datetime

import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import require
from warehouse.access.scope import Viewer
from warehouse.alerting.alerts import visible_alert
from warehouse.alerting.notify import outbox, targets
from warehouse.alerting.notify.render import renderers
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction


class AssignmentError(ValueError):
    """An assignment that cannot be made; the message says what to do."""


def assign(alert_id: int, *, owner: str, viewer: Viewer, due_at: datetime | None = None,
           note: str = "", db: str | os.PathLike | None = None) -> dict:
    """Record a work order on an open alert, add it to the alert's history and queue a message
    for the owner's notification targets (a target of that name, or bound to that account)."""
    require(viewer, "acknowledge")  # who may take an alert on may also hand it on
    owner = str(owner or "").strip()
    if not owner:
        raise AssignmentError("Name the owner or team the alert is assigned to.")
    now = outbox.now_utc()
    if due_at is not None and due_at <= now:
        raise AssignmentError("The due time must lie in the future.")
    with connect(db, write=True) as con:
        text = renderers(con, now)
        with transaction(con):
            alert = visible_alert(con, alert_id, viewer)
            if alert["state"] == "resolved":
                raise AssignmentError(f"Alert {alert_id} is resolved; only open alerts are "
                                      "assigned.")
            assignment_id = sqlfiles.one(con, "notify/assignment_insert.sql", {
                "alert_id": int(alert_id), "owner": owner, "due_at": due_at,
                "note": note.strip() or None, "assigned_by": viewer.name,
                "assigned_at": now})["assignment_id"]
            summary = f"assigned to {owner}" + (f", due {due_at:%Y-%m-%d %H:%M} UTC"
                                                 if due_at else "")
            sqlfiles.execute(con, "rules/alert_event_insert.sql", {
                "alert_id": int(alert_id), "at": now, "event": "assigned",
                "user": viewer.name, "from_state": None, "to_state": None,
                "level": alert["level"], "value": None,
                "note": summary + (f": {note.strip()}" if note.strip() else ""),
                "recorded_at": now})
            order = {"owner": owner, "due_at": due_at, "note": note.strip() or None,
                     "assigned_by": viewer.name}
            row = sqlfiles.one(con, "notify/alert_for_message.sql", {"alert_id": int(alert_id)})
            live = [t for t in targets.read_targets(con) if t.enabled]
            viewers = targets.route_viewers(con, live)
            messages = []
            for target in live:
                if owner.lower() not in (target.name.lower(), (target.user_name or "")):
                    continue
                if not targets.in_scope(target, row, viewers.get(target.user_name)):
                    continue  # never tell a route about an alert outside its scope
                title, body = text[target.lang].alert_message("assigned", row, assignment=order)
                messages.append(outbox.Message(
                    dedup_key=f"alert:{alert_id}|assigned:{assignment_id}|{target.name}",
                    target_name=target.name, kind="assigned", title=title, body=body,
                    happened_at=now, alert_id=int(alert_id)))
            queued = outbox.enqueue_in(con, messages, now)
            audit.record(con, viewer.name, "alert_assign", f"alert {alert_id}",
                         {**order, "due_at": str(due_at) if due_at else None,
                          "notified": [m.target_name for m in messages]})
    return {"assignment_id": assignment_id, **order, "queued": queued,
            "notified": [m.target_name for m in messages]}


def assignments(alert_id: int, *, viewer: Viewer,
                db: str | os.PathLike | None = None) -> pd.DataFrame:
    """The work orders of an alert the viewer may see (newest first)."""
    with connect(db) as con:
        visible_alert(con, alert_id, viewer)
        return sqlfiles.df(con, "notify/assignments_of_alert.sql", {"alert_id": int(alert_id)})
