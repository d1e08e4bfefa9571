"""The improvement list: items with owner, due date and status, created from a Pareto category,
a risk-matrix item, an alert or by hand, with their affected customers and expected gain."""

from __future__ import annotations

import json
import os
import statistics
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import PermissionDenied, acting_name
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.alerting.alerts import list_alerts
from warehouse.kpi.metrics import params
from warehouse.risk.matrix import ITEM_TYPES, risk_items
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

SOURCES = ("category", "risk_item", "alert", "manual")
STATUSES = ("open", "in_progress", "done", "dropped")
CLOSED = ("done", "dropped")
BASELINE_MONTHS = 6       # the months before an item's window whose median is its baseline
DEFAULT_WINDOW_DAYS = 90  # an item made on an empty warehouse counts the last 90 days
DAYS_PER_MONTH = 365.25 / 12
EDITABLE = ("title", "owner", "due_date", "status", "note", "expected_gain")


class ImprovementError(ValueError):
    """An improvement-list change that cannot be made; the message says what to do."""


@dataclass(frozen=True)
class Selection:
    """What an item is about: the complaints it counts and whose scope it lies in."""

    channels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    category: str | None = None
    touchpoint: str | None = None
    product: str | None = None

    def __post_init__(self) -> None:
        for name in ("channels", "regions"):
            values = getattr(self, name)
            values = [values] if isinstance(values, str) else list(values or ())
            object.__setattr__(self, name, tuple(sorted({_key(v) for v in values if _key(v)})))
        for name in ("category", "touchpoint", "product"):
            object.__setattr__(self, name, _key(getattr(self, name)) or None)

    @property
    def viewer(self) -> Viewer:
        """The scope the figures are counted in, as a viewer (the whole company when none)."""
        if not (self.channels or self.regions):
            return SYSTEM
        return Viewer("improvement", "dept_head", self.channels, self.regions)


def _key(value: Any) -> str:
    return str(value).strip().lower() if value is not None else ""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------- scope


def _within(selection: Selection, viewer: Viewer) -> Selection:
    """The selection inside a department head's scope (their scope where it names nothing);
    an error when it reaches outside it."""
    if not viewer.scoped:
        return selection
    if not (viewer.channels or viewer.regions):
        raise PermissionDenied("Your account has no channel or region scope; ask an admin.")
    channels, regions = selection.channels, selection.regions
    if viewer.channels:
        if set(channels) - set(viewer.channels):
            raise ImprovementError("That channel lies outside your scope.")
        channels = channels or viewer.channels
    if viewer.regions:
        if set(regions) - set(viewer.regions):
            raise ImprovementError("That region lies outside your scope.")
        regions = regions or viewer.regions
    return replace(selection, channels=channels, regions=regions)


def _scope_params(viewer: Viewer) -> dict[str, Any]:
    return {"scoped": viewer.scoped, "scope_channels": list(viewer.channels),
            "scope_regions": list(viewer.regions)}


# ---------------------------------------------------------------- computed figures


def _first_full_month(first_at: datetime | None) -> date | None:
    if first_at is None:
        return None
    day = first_at.date()
    return day if day.day == 1 else (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _months_back(month: date, count: int) -> date:
    year, index = divmod(month.year * 12 + month.month - 1 - count, 12)
    return date(year, index + 1, 1)


def figures(con, selection: Selection, start: date, end: date) -> dict[str, Any]:
    """Affected customers and complaints in [start, end] (inclusive days), complaints per month
    in the window and in its baseline (the median of up to six full calendar months before the
    window's month that the data covers), and the gain: complaints avoided per month if the
    selection fell back to its baseline (never below 0; None without a baseline month)."""
    window_month = start.replace(day=1)
    span = sqlfiles.one(con, "marts/complaints_span.sql") or {}
    covered_from = _first_full_month(span.get("first_at"))
    baseline_start = _months_back(window_month, BASELINE_MONTHS)
    if covered_from is not None:
        baseline_start = max(baseline_start, covered_from)
    filters = Filters(start=min(baseline_start, start), end=end,
                      category=(selection.category,) if selection.category else (),
                      touchpoint=(selection.touchpoint,) if selection.touchpoint else ())
    bound = params(filters, selection.viewer,
                   window_start=datetime.combine(start, datetime.min.time()),
                   product=selection.product or "")
    found = sqlfiles.rows(con, "improvements/affected.sql", bound)
    window = next((r for r in found if r["part"] == "window"), {})
    by_month = {r["month"].date(): r["complaints"] for r in found if r["part"] == "baseline"}
    months = []
    month = baseline_start
    while month < window_month:
        months.append(by_month.get(month, 0))
        month = _months_back(month, -1)
    complaints = int(window.get("complaints") or 0)
    days = (end - start).days + 1
    current = complaints * DAYS_PER_MONTH / days
    baseline = float(statistics.median(months)) if months else None
    gain = max(0.0, current - baseline) if baseline is not None else None
    return {"affected_customers": int(window.get("customers") or 0), "complaints": complaints,
            "current_per_month": current, "baseline_per_month": baseline, "gain_computed": gain}


# ---------------------------------------------------------------- sources


def _window(filters: Filters | None, today: date, db) -> tuple[date, date]:
    """The filter request's days; an open end is the first or last day of the complaints (the
    last 90 days up to today when there are none)."""
    with connect(db) as con:
        span = sqlfiles.one(con, "marts/complaints_span.sql") or {}
    first, last = span.get("first_at"), span.get("last_at")
    end = (filters.end if filters and filters.end else None) or (last.date() if last else today)
    start = (filters.start if filters and filters.start else None) or (
        first.date() if first else end - timedelta(days=DEFAULT_WINDOW_DAYS - 1))
    return start, end


def _from_filters(filters: Filters | None, *, whole: bool = False) -> dict[str, Any]:
    """The channels and regions of a filter request (WHOLE: also its category and touchpoint,
    when it names exactly one)."""
    if filters is None:
        return {}
    found: dict[str, Any] = {"channels": filters.channel, "regions": filters.region}
    if whole:
        found["category"] = filters.category[0] if len(filters.category) == 1 else None
        found["touchpoint"] = filters.touchpoint[0] if len(filters.touchpoint) == 1 else None
    return found


def _source_selection(source_kind: str, source_ref: Any, *, viewer: Viewer, filters: Filters | None,
                     db=None, today: date | None = None) -> tuple[Selection, date, date, str]:
    """(selection, window start, window end, default title) of an item made from a source.

    A category or risk item counts over the filter window (an open end: the complaints' first
    or last day); an alert over its own days, from its first breaching period to its resolution.
    """
    today = today or _now().date()
    ref = str(source_ref or "").strip()
    if source_kind == "category":
        if not ref:
            raise ImprovementError("Pick a complaint category.")
        start, end = _window(filters, today, db)
        return Selection(category=ref, **_from_filters(filters)), start, end, ref
    if source_kind == "risk_item":
        item_type, _, key = ref.partition(":")
        if item_type not in ITEM_TYPES or not key:
            raise ImprovementError(f"Unknown risk item {ref!r}; pick one from the matrix.")
        start, end = _window(filters, today, db)
        base = _from_filters(filters)
        if item_type == "category":
            return Selection(category=key, **base), start, end, _risk_label(ref, viewer, filters, db)
        touchpoint, _, region = key.partition("|")
        if region:
            base["regions"] = (region,)
        return (Selection(touchpoint=touchpoint, **base), start, end,
                _risk_label(ref, viewer, filters, db))
    if source_kind == "alert":
        alerts = list_alerts(viewer=viewer, db=db)
        found = alerts[alerts["id"].astype(str) == ref]
        if found.empty:
            raise ImprovementError(f"No alert {ref} is visible to you.")
        alert = found.iloc[0]
        dim, value = alert["scope_dim"], alert["scope_value"]
        selection = Selection(
            channels=(value,) if dim == "channel" else (),
            regions=(value,) if dim == "region" else (),
            product=value if dim == "product" else None,
            touchpoint=value if dim == "touchpoint" else None,
        )
        start = pd.Timestamp(alert["period_start"] if pd.notna(alert["period_start"])
                             else alert["opened_at"]).date()
        last = alert["resolved_at"] if pd.notna(alert["resolved_at"]) else alert["last_breach_at"]
        end = max(start, pd.Timestamp(last).date()) if pd.notna(last) else today
        return selection, start, end, f"{alert['rule_name_en']} — {alert['scope']}"
    raise ImprovementError(f"Unknown source {source_kind!r}; one of {', '.join(SOURCES)}.")


def _risk_label(item_id: str, viewer: Viewer, filters: Filters | None, db) -> str:
    items = risk_items(filters=filters or Filters(), viewer=viewer, db=db)
    found = items[items["item_id"] == item_id]
    return str(found["label"].iloc[0]) if not found.empty else item_id.partition(":")[2]


# ---------------------------------------------------------------- changes


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """Checked, trimmed editable fields; raises ImprovementError with what to fix."""
    out = dict(fields)
    title = str(out.get("title") or "").strip()
    if not title:
        raise ImprovementError("Give the item a title.")
    if len(title) > 300:
        raise ImprovementError("The title is too long (300 characters at most).")
    out["title"] = title
    out["owner"] = str(out.get("owner") or "").strip() or None
    if out["owner"] and len(out["owner"]) > 200:
        raise ImprovementError("The owner name is too long (200 characters at most).")
    out["note"] = str(out.get("note") or "").strip() or None
    if out["note"] and len(out["note"]) > 4000:
        raise ImprovementError("The note is too long (4,000 characters at most).")
    if out.get("status") not in STATUSES:
        raise ImprovementError(f"Status must be one of {', '.join(STATUSES)}.")
    due = out.get("due_date")
    if isinstance(due, str):
        try:
            due = date.fromisoformat(due.strip()) if due.strip() else None
        except ValueError:
            raise ImprovementError(f"Not a date: {due!r} (use YYYY-MM-DD).") from None
    if isinstance(due, datetime):
        due = due.date()
    out["due_date"] = due
    gain = out.get("expected_gain")
    if gain is not None and not (isinstance(gain, float) and pd.isna(gain)):
        try:
            gain = float(gain)
        except (TypeError, ValueError):
            raise ImprovementError("The expected gain must be a number.") from None
        if gain < 0:
            raise ImprovementError("The expected gain cannot be negative.")
    else:
        gain = None
    out["expected_gain"] = gain
    return out


def _json(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, default=str)


def _record(con, item_id: int, user: str, at: datetime, action: str, before, after) -> None:
    sqlfiles.execute(con, "improvements/change_insert.sql", {
        "item_id": item_id, "user": user, "at": at, "before": _json(before),
        "after": _json(after)})
    audit.record(con, user, action, f"improvement {item_id}", {"before": before, "after": after})


def create_item(*, source_kind: str = "manual", source_ref: Any = None, title: str | None = None,
                owner: str | None = None, due_date: date | str | None = None,
                note: str | None = None, status: str = "open",
                expected_gain: float | None = None, filters: Filters | None = None,
                selection: Selection | None = None, window: tuple[date, date] | None = None,
                user: Viewer | str, db: str | os.PathLike | None = None,
                today: date | None = None) -> dict[str, Any]:
    """Add an item to the improvement list and return it (as list_items shows it).

    From a source (category, risk_item, alert) the selection, window and title are filled in;
    by hand, SELECTION (default: the user's scope) and WINDOW (default: FILTERS' dates, else the
    last 90 days) say what the affected figures count. The expected gain starts as the computed
    one unless given. USER is the signed-in Viewer or a trusted system caller's name.
    """
    name = acting_name(user, "edit_improvements")
    viewer = user if isinstance(user, Viewer) else SYSTEM
    if not name:
        raise ImprovementError("A change needs the name of the user making it.")
    today = today or _now().date()
    if source_kind in ("category", "risk_item", "alert"):
        chosen, start, end, default_title = _source_selection(
            source_kind, source_ref, viewer=viewer, filters=filters, db=db, today=today)
    elif source_kind == "manual":
        chosen = selection or Selection(**_from_filters(filters, whole=True))
        start, end = window or _window(filters, today, db)
        default_title = ""
        source_ref = None
    else:
        raise ImprovementError(f"Unknown source {source_kind!r}; one of {', '.join(SOURCES)}.")
    if start > end:
        raise ImprovementError(f"The window starts ({start}) after it ends ({end}); swap them.")
    chosen = _within(chosen, viewer)
    fields = _clean({"title": title or default_title, "owner": owner, "due_date": due_date,
                     "status": status, "note": note, "expected_gain": expected_gain})
    at = _now()
    with connect(db, write=True) as con:
        computed = figures(con, chosen, start, end)
        if expected_gain is None:
            fields["expected_gain"] = computed["gain_computed"]
        values = {**fields, **computed, "source_kind": source_kind,
                  "source_ref": None if source_ref is None else str(source_ref),
                  "scope_channels": list(chosen.channels), "scope_regions": list(chosen.regions),
                  "category": chosen.category, "touchpoint": chosen.touchpoint,
                  "product": chosen.product, "window_start": start, "window_end": end,
                  "user": name, "at": at}
        with transaction(con):
            item_id = sqlfiles.execute(con, "improvements/item_insert.sql", values).fetchone()[0]
            after = {k: values[k] for k in (*EDITABLE, "source_kind", "source_ref",
                                            "affected_customers", "complaints", "gain_computed")}
            _record(con, item_id, name, at, "improvement_create", None, after)
    return get_item(item_id, viewer=viewer, db=db, today=today)


def _stored(con, item_id: int, viewer: Viewer) -> dict[str, Any]:
    found = sqlfiles.rows(con, "improvements/items_list.sql",
                          {"item_id": int(item_id), **_scope_params(viewer)})
    if not found:
        # The same answer whether it does not exist or lies outside the scope.
        raise ImprovementError(f"No improvement item {item_id} is visible to you.")
    return found[0]


def update_item(item_id: int, *, user: Viewer | str, db: str | os.PathLike | None = None,
                today: date | None = None, **changes: Any) -> dict[str, Any]:
    """Change an item's title, owner, due date, status, note or expected gain (only the fields
    given); the change goes to the item's history and the audit log. A department head changes
    only items inside their scope; managers only read."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ImprovementError(f"Cannot change {', '.join(sorted(unknown))}; only "
                               f"{', '.join(EDITABLE)}.")
    name = acting_name(user, "edit_improvements")
    viewer = user if isinstance(user, Viewer) else SYSTEM
    at = _now()
    with connect(db, write=True) as con:
        current = _stored(con, item_id, viewer)
        before = {k: current[k] for k in EDITABLE}
        after = _clean({**before, **changes})
        if after == before:
            return get_item(item_id, viewer=viewer, db=db, today=today)
        with transaction(con):
            sqlfiles.execute(con, "improvements/item_update.sql",
                             {**after, "item_id": int(item_id), "user": name, "at": at})
            changed = [k for k in EDITABLE if after[k] != before[k]]
            _record(con, int(item_id), name, at, "improvement_change",
                    {k: before[k] for k in changed}, {k: after[k] for k in changed})
    return get_item(item_id, viewer=viewer, db=db, today=today)


def recompute(item_id: int, *, user: Viewer | str, db: str | os.PathLike | None = None,
              today: date | None = None) -> dict[str, Any]:
    """Count an item's affected customers, complaints and gain again (after new loads). An
    expected gain that nobody edited follows the new computed gain; an edited one stays."""
    name = acting_name(user, "edit_improvements")
    viewer = user if isinstance(user, Viewer) else SYSTEM
    at = _now()
    with connect(db, write=True) as con:
        current = _stored(con, item_id, viewer)
        selection = Selection(current["channels"] or (), current["regions"] or (),
                              current["category"], current["touchpoint"], current["product"])
        computed = figures(con, selection, current["window_start"], current["window_end"])
        edited = current["expected_gain"] != current["gain_computed"]
        gain = current["expected_gain"] if edited else computed["gain_computed"]
        keys = ("affected_customers", "complaints", "gain_computed")
        with transaction(con):
            sqlfiles.execute(con, "improvements/item_figures.sql", {
                **computed, "expected_gain": gain, "item_id": int(item_id), "user": name,
                "at": at})
            _record(con, int(item_id), name, at, "improvement_recompute",
                    {k: current[k] for k in keys}, {k: computed[k] for k in keys})
    return get_item(item_id, viewer=viewer, db=db, today=today)


# ---------------------------------------------------------------- reads

COLUMNS = ["item_id", "title", "source_kind", "source_ref", "channels", "regions",
           "category", "touchpoint", "product", "window_start", "window_end",
           "affected_customers", "complaints", "current_per_month", "baseline_per_month",
           "gain_computed", "expected_gain", "computed_at", "owner", "due_date", "status", "note",
           "created_by", "created_at", "updated_by", "updated_at", "overdue"]


def list_items(*, viewer: Viewer, db: str | os.PathLike | None = None, today: date | None = None,
               statuses: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The improvement items the viewer may see, newest first; `overdue` marks items past their
    due date (UTC day TODAY) that are not done or dropped."""
    today = today or _now().date()
    with connect(db) as con:
        found = sqlfiles.rows(con, "improvements/items_list.sql",
                              {"item_id": None, **_scope_params(viewer)})
    frame = pd.DataFrame(found, columns=COLUMNS[:-1])
    if statuses:
        frame = frame[frame["status"].isin(list(statuses))].reset_index(drop=True)
    frame["overdue"] = pd.Series([overdue(due, status, today)
                                  for due, status in zip(frame["due_date"], frame["status"])],
                                 index=frame.index, dtype=bool)
    for column in ("channels", "regions"):
        frame[column] = [list(v) if v is not None else [] for v in frame[column]]
    return frame


def get_item(item_id: int, *, viewer: Viewer, db: str | os.PathLike | None = None,
             today: date | None = None) -> dict[str, Any]:
    items = list_items(viewer=viewer, db=db, today=today)
    found = items[items["item_id"] == int(item_id)]
    if found.empty:
        raise ImprovementError(f"No improvement item {item_id} is visible to you.")
    return found.iloc[0].to_dict()


def overdue_items(*, viewer: Viewer, db: str | os.PathLike | None = None,
                  today: date | None = None) -> pd.DataFrame:
    """Items past their due date that are not done or dropped (for reminders to their owner;
    a scheduled job passes SYSTEM)."""
    items = list_items(viewer=viewer, db=db, today=today)
    return items[items["overdue"].astype(bool)].reset_index(drop=True)


def overdue(due, status: str, today: date) -> bool:
    """Past its due date on day TODAY and neither done nor dropped."""
    return bool(due is not None and not pd.isna(due) and due < today and status not in CLOSED)


def overdue_in(con, viewer: Viewer, today: date) -> list[dict[str, Any]]:
    """The overdue items with an owner that VIEWER may see, read on the caller's connection
    (the notification round's)."""
    found = sqlfiles.rows(con, "improvements/items_list.sql",
                          {"item_id": None, **_scope_params(viewer)})
    return [r for r in found if r["owner"] and overdue(r["due_date"], r["status"], today)]


def item_history(item_id: int, *, viewer: Viewer,
                 db: str | os.PathLike | None = None) -> pd.DataFrame:
    """The item's changes, newest first (before/after as dicts of the changed fields)."""
    with connect(db) as con:
        _stored(con, item_id, viewer)
        frame = sqlfiles.df(con, "improvements/history.sql", {"item_id": int(item_id)})
    for column in ("before", "after"):
        frame[column] = pd.Series([json.loads(v) if isinstance(v, str) else None
                                   for v in frame[column]], index=frame.index, dtype=object)
    return frame


def as_dict(selection: Selection) -> dict[str, Any]:
    return asdict(selection)
