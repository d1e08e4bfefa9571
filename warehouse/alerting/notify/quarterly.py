"""The quarterly risk report on its schedule: once a quarter, the PDF is built for each language
and scope the report targets need and queued to each of them, attached.

Due from the first working day after the quarter at the report time (a setting); a monitor that
was down then sends it when it next runs (the latest quarter only). Each report is kept like
one generated on the Reports page (listed there and in the audit log, by "scheduled report").
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from warehouse.access.scope import SYSTEM, Viewer
from warehouse.alerting.notify import targets
from warehouse.alerting.notify.outbox import Message
from warehouse.alerting.notify.render import renderers
from warehouse.alerting.notify.report_schedule import report_due
from warehouse.config import app_settings
from warehouse.config.settings import resolve_db
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect

REPORT_QUARTER = "report_quarter"  # notify_state: the last quarter whose report was queued
BY = "scheduled report"


def _folder(db) -> Path:
    """Where the attached PDFs wait for their sends: beside the warehouse, readable by its owner."""
    folder = resolve_db(db).parent / "outbox-reports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def due(con, now: datetime) -> tuple[str | None, list[targets.Target]]:
    """The quarter whose report is due now and the targets waiting for it (reads only)."""
    wanting = [t for t in targets.read_targets(con) if t.enabled and t.quarterly_report]
    if not wanting:
        return None, []
    last = (sqlfiles.one(con, "notify/state_get.sql", {"key": REPORT_QUARTER}) or {}).get("value")
    quarter = report_due(now, app_settings.read(con, "timezone"),
                         app_settings.read(con, "report_send_time"), last)
    return quarter, wanting if quarter else []


def messages(db, now: datetime) -> tuple[list[Message], str | None]:
    """The report messages due now, one per target, and the quarter to mark as queued.

    Builds each (language, scope) PDF once, with no lock held; a target bound to an account gets
    that account's scope (none, while the account is gone or disabled)."""
    from warehouse.reports.build import build_report

    with connect(db) as con:
        quarter, wanting = due(con, now)
        if not quarter:
            return [], None
        viewers = targets.route_viewers(con, wanting)
        text = renderers(con, now)
    built: dict[tuple[str, Viewer], Path] = {}
    found = []
    for target in wanting:
        viewer = viewers.get(target.user_name) if target.user_name else SYSTEM
        if viewer is None:
            continue
        key = (target.lang, viewer)
        if key not in built:
            report = build_report(quarter, viewer, target.lang, "pdf", db=db, by=BY, now=now)
            path = _folder(db) / report.filename
            path.write_bytes(report.content)
            os.chmod(path, 0o600)
            built[key] = path
        title, body = text[target.lang].report(
            quarter, viewer.name if viewer.scoped else None)
        found.append(Message(dedup_key=f"report:{quarter}|{target.name}", target_name=target.name,
                             kind="report", title=title, body=body, happened_at=now,
                             attachment=str(built[key])))
    return found, quarter
