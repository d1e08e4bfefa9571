"""Generate a quarterly report (PDF or XLSX) for a scope, keep it with its data version and list
the reports generated so far."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import PermissionDenied
from warehouse.access.scope import SYSTEM, Viewer
from warehouse.config import app_settings
from warehouse.kpi.benchmarks import our_key
from warehouse.kpi.glossary import metric_label
from warehouse.reports import pdf, xlsx
from warehouse.reports.content import gather
from warehouse.reports.quarter import Quarter
from warehouse.reports.strings import lang_of
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportError(ValueError):
    """A report request that cannot be met; the message says what to do."""


@dataclass(frozen=True)
class GeneratedReport:
    """One generated report: its file and what it was built from."""

    quarter: str
    lang: str
    fmt: str
    filename: str
    content: bytes
    data_version: str
    has_data: bool
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    report_id: int | None = None

    @property
    def mime(self) -> str:
        return FORMATS[self.fmt]


def _format(fmt: str) -> str:
    name = str(fmt or "").strip().lower()
    if name not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}; use pdf or xlsx")
    return name


def _filename(quarter: Quarter, viewer: Viewer, lang: str, fmt: str) -> str:
    who = re.sub(r"[^a-z0-9_-]+", "-", viewer.name.lower()).strip("-") if viewer.scoped else ""
    return f"cx-risk-review-{quarter}-{who or 'company'}-{lang}.{fmt}"


def _zone(db) -> str:
    try:
        return str(app_settings.get("timezone", db=db))
    except (KeyError, ValueError):
        return "UTC"


def build_report(quarter: str | Quarter, viewer: Viewer, lang: str = "en",
                 fmt: str = "pdf", *, db: str | os.PathLike | None = None,
                 by: Viewer | str | None = None, keep: bool = True,
                 now: datetime | None = None) -> GeneratedReport:
    """The quarterly risk report of QUARTER ("2026Q3") as VIEWER sees it (a department head's
    report holds only their scope; SYSTEM = the whole company), in LANG (en | zh) as FMT
    (pdf | xlsx).

    BY is who asks (a signed-in Viewer, or a trusted caller's name such as a scheduled job;
    default VIEWER): a department head may only ask for their own scope. With KEEP the file is
    stored with its data version (list_reports, report_file) and the audit log names it.
    """
    quarter = Quarter.parse(quarter)
    try:
        lang = lang_of(lang)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    fmt = _format(fmt)
    if isinstance(by, Viewer) and by.scoped and by != viewer:
        raise PermissionDenied("A department head can generate reports of their own scope only.")
    by_name = by.name if isinstance(by, Viewer) else str(by or viewer.name)
    began = time.perf_counter()
    content = gather(quarter, viewer, db=db, now=now)
    timings = content.timings
    zone = _zone(db)

    def label(key: str) -> str:  # KPI keys and benchmark metric names alike
        return metric_label(our_key(key) or key, lang)

    if fmt == "pdf":
        data = pdf.render(content, lang, zone, label, timings)
    else:
        rendered = time.perf_counter()
        data = xlsx.render(content, lang, zone, label, pdf.scope_text(content, lang))
        timings["xlsx"] = time.perf_counter() - rendered
    seconds = time.perf_counter() - began
    report = GeneratedReport(quarter=str(quarter), lang=lang, fmt=fmt,
                             filename=_filename(quarter, viewer, lang, fmt), content=data,
                             data_version=content.data_version, has_data=content.has_data,
                             seconds=seconds, timings=dict(timings))
    if keep:
        report = _keep(report, content, viewer, by_name, db)
    return report


def _keep(report: GeneratedReport, content, viewer: Viewer, by: str, db) -> GeneratedReport:
    digest = hashlib.sha256(report.content).hexdigest()
    values = {
        "quarter": report.quarter, "scope_user": viewer.name if viewer.scoped else None,
        "scope_channels": list(viewer.channels), "scope_regions": list(viewer.regions),
        "lang": report.lang, "fmt": report.fmt, "data_version": report.data_version,
        "data_as_of": content.data_as_of, "has_data": report.has_data, "generated_by": by,
        "generated_at": content.generated_at, "seconds": report.seconds,
        "timings": json.dumps(report.timings), "filename": report.filename,
        "size_bytes": len(report.content), "sha256": digest, "content": report.content,
    }
    with connect(db, write=True) as con, transaction(con):
        report_id = sqlfiles.execute(con, "reports/report_insert.sql", values).fetchone()[0]
        audit.record(con, by, "report_generate", f"report {report_id}", {
            k: values[k] for k in ("quarter", "scope_user", "lang", "fmt", "data_version",
                                   "filename", "size_bytes", "sha256")})
    return GeneratedReport(**{**report.__dict__, "report_id": int(report_id)})


def _scope_params(viewer: Viewer) -> dict[str, Any]:
    return {"scoped": viewer.scoped, "scope_channels": list(viewer.channels),
            "scope_regions": list(viewer.regions)}


def list_reports(*, viewer: Viewer, db: str | os.PathLike | None = None,
                 limit: int = 200) -> pd.DataFrame:
    """Reports generated so far that the viewer may see (a department head: those of their own
    scope), newest first, without their files."""
    with connect(db) as con:
        frame = sqlfiles.df(con, "reports/reports_list.sql",
                            {**_scope_params(viewer), "limit": max(1, int(limit))})
    frame["timings"] = [json.loads(v) if isinstance(v, str) else v for v in frame["timings"]]
    for column in ("channels", "regions"):
        frame[column] = [list(v) if v is not None else [] for v in frame[column]]
    return frame


def report_file(report_id: int, *, viewer: Viewer,
                db: str | os.PathLike | None = None) -> tuple[str, bytes, str]:
    """(file name, bytes, MIME type) of a kept report the viewer may see."""
    with connect(db) as con:
        found = sqlfiles.one(con, "reports/report_content.sql",
                             {"report_id": int(report_id), **_scope_params(viewer)})
    if not found:
        raise ReportError(f"No report {report_id} is visible to you.")
    return found["filename"], bytes(found["content"]), FORMATS[found["fmt"]]


def scope_users(*, viewer: Viewer, db: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """The department heads whose scope VIEWER may generate a report for: all of them for a
    company-wide viewer, only themselves for a department head. [{name, channels, regions}]."""
    with connect(db) as con:
        heads = sqlfiles.rows(con, "reports/scope_users.sql")
    for head in heads:
        head["channels"], head["regions"] = list(head["channels"] or ()), list(head["regions"] or ())
    return [h for h in heads if h["name"] == viewer.name] if viewer.scoped else heads


def generate(quarter: str | Quarter, *, by: Viewer, scope_user: str | None = None,
             lang: str = "en", fmt: str = "pdf",
             db: str | os.PathLike | None = None) -> GeneratedReport:
    """The Reports page's request: BY (signed in) asks for the company (SCOPE_USER None) or a
    department head's scope; a department head always gets their own scope."""
    from warehouse.access.auth import load_viewer

    if by.scoped:
        scope = by
    elif scope_user:
        scope = load_viewer(scope_user, db)
        if not scope.scoped:
            raise ReportError(f"{scope_user} is not a department head; choose the whole company.")
    else:
        scope = SYSTEM
    return build_report(quarter, scope, lang, fmt, db=db, by=by)
