"""Risk matrix (warehouse/docs/risk_and_alerts.md): probability and impact per touchpoint, category and touchpoint × region."""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Filters, Viewer
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

ITEM_TYPES = ("touchpoint", "category", "touchpoint_region")
STATUSES = ("open", "in_progress", "mitigated", "accepted")
QUADRANTS = ("act_now", "prepare", "automate", "watch")
HIGH_VALUE = 10_000.0  # warehouse/docs/metrics.md: lifetime value above this is the high tier
# Impact = 1 + 4 × weighted mix of these components; weights sum to 1. Each component is its
# raw figure divided by the level that counts as "as bad as it gets" (capped at 1), so that
# everyday items sit low on the scale and a bad one reaches the top.
IMPACT_WEIGHTS = {"severity": 0.4, "high_value": 0.2, "escalation": 0.2, "compensation": 0.2}
SATURATION = {
    "severity": 0.6,       # mean severity score (low 0, medium 1/3, high 2/3, urgent 1)
    "high_value": 0.5,     # share of affected customers in the high value tier
    "escalation": 0.25,    # share of complaints escalated
    "compensation": 300.0,  # mean compensation per complaint, in the warehouse currency
}
# Row (1–5) of the 5 × 5 grid by probability; column (1–5) by impact.
PROBABILITY_CUTS = (0.05, 0.10, 0.15, 0.25)
IMPACT_CUTS = (1.8, 2.6, 3.4, 4.2)
HIGH_PROBABILITY = 0.15  # quadrant lines
HIGH_IMPACT = 3.0
COLUMNS = ["item_id", "item_type", "label", "probability", "impact", "score", "quadrant", "row",
           "col", "affected_customers", "n", "drivers", "owner", "status", "note"]


class RiskItemError(ValueError):
    """A risk item change that cannot be stored; the message says what to fix."""


def _bin(value: float, cuts: tuple[float, ...]) -> int:
    return 1 + sum(1 for cut in cuts if value >= cut)


def probability(item_type: str, counts: dict[str, Any]) -> float | None:
    """How often the bad outcome happens, 0–1.

    Categories: complaining customers ÷ active customers in scope. Touchpoints (and
    touchpoint × region): the chance of either bad outcome, 1 − (1 − r)(1 − c), where r is the
    share of the touchpoint's ratings that are negative (2 or less of 5, 4 of 10) and c the
    share of active customers who complained about the touchpoint. Without CRM data c is left
    out; without ratings r is. None when neither is known.
    """
    active = counts.get("active_customers") or 0
    complained = min(1.0, counts.get("complainants", 0) / active) if active > 0 else None
    if item_type == "category":
        return complained
    ratings = counts.get("ratings", 0)
    negative = counts.get("negative_ratings", 0) / ratings if ratings > 0 else None
    known = [v for v in (negative, complained) if v is not None]
    if not known:
        return None
    miss = 1.0
    for value in known:
        miss *= 1.0 - value
    return 1.0 - miss


def impact_components(counts: dict[str, Any]) -> dict[str, float]:
    """Each impact component on 0–1: its raw figure ÷ SATURATION, capped at 1."""
    raw = raw_components(counts)
    return {k: min(1.0, v / SATURATION[k]) for k, v in raw.items()}


def raw_components(counts: dict[str, Any]) -> dict[str, float]:
    severity = counts.get("severity_score")
    known = counts.get("escalation_known") or 0
    valued = counts.get("valued_customers") or 0
    return {
        "severity": 0.0 if severity is None or _nan(severity) else float(severity),
        "high_value": (counts.get("high_value_customers", 0) / valued) if valued else 0.0,
        "escalation": (counts.get("escalated", 0) / known) if known else 0.0,
        "compensation": float(counts.get("compensation_mean") or 0.0),
    }


def impact(counts: dict[str, Any]) -> float:
    """How bad it is when it happens, 1–5: 1 + 4 × Σ weight × component."""
    parts = impact_components(counts)
    return 1.0 + 4.0 * sum(IMPACT_WEIGHTS[k] * v for k, v in parts.items())


def quadrant(p: float, i: float) -> str:
    if p >= HIGH_PROBABILITY:
        return "act_now" if i >= HIGH_IMPACT else "automate"
    return "prepare" if i >= HIGH_IMPACT else "watch"


def drivers(item_type: str, counts: dict[str, Any], p: float | None) -> list[str]:
    """What raised the score: the probability's source, then impact contributions, largest first."""
    active = counts.get("active_customers") or 0
    out = []
    if active:
        out.append(f"{counts.get('complainants', 0)} of {active} active customers complained")
    if item_type != "category" and counts.get("ratings", 0):
        share = counts.get("negative_ratings", 0) / counts["ratings"]
        out.append(f"{share:.0%} of {counts['ratings']} ratings negative")
    parts = impact_components(counts)
    raw = raw_components(counts)
    phrases = {
        "severity": f"severity mix {raw['severity']:.2f} (0 low … 1 urgent)",
        "high_value": f"high-value customers {raw['high_value']:.0%} of those affected",
        "escalation": f"escalated {raw['escalation']:.0%} of complaints",
        "compensation": f"compensation {raw['compensation']:.0f} per complaint",
    }
    ranked = sorted(parts, key=lambda k: IMPACT_WEIGHTS[k] * parts[k], reverse=True)
    for key in ranked:
        contribution = 4.0 * IMPACT_WEIGHTS[key] * parts[key]
        if contribution >= 0.05:
            out.append(f"{phrases[key]} (+{contribution:.1f} impact)")
    return out


def _nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _item_id(item_type: str, key: str) -> str:
    return f"{item_type}:{key}"


def risk_items(*, filters: Filters, viewer: Viewer, db: str | os.PathLike | None = None,
               item_types: tuple[str, ...] = ITEM_TYPES, min_n: int = 20) -> pd.DataFrame:
    """Every risk item inside the filters and the viewer's scope with its place on the grid.

    Items with fewer than `min_n` contacts (touchpoints) or complaints (categories) are left out:
    a handful of answers does not make a probability.
    """
    from warehouse.kpi import metrics  # the shared bound parameters of the scoped models

    bad = [t for t in item_types if t not in ITEM_TYPES]
    if bad:
        raise ValueError(f"unknown risk item type {bad[0]!r}; one of {', '.join(ITEM_TYPES)}")
    records = []
    with connect(db) as con:
        stored = {r["item_id"]: r for r in sqlfiles.rows(con, "risk/item_get.sql")}
        for item_type in item_types:
            bound = metrics.params(filters, viewer, item_type=item_type, high_value=HIGH_VALUE)
            for counts in sqlfiles.rows(con, "risk/contacts.sql", bound):
                n = counts["ratings"] + counts["complaints"]
                p = probability(item_type, counts)
                if n < min_n or p is None:
                    continue
                i = impact(counts)
                item_id = _item_id(item_type, counts["item_key"])
                note = stored.get(item_id, {})
                records.append({
                    "item_id": item_id,
                    "item_type": item_type,
                    "label": counts["label"],
                    "probability": p,
                    "impact": i,
                    "score": p * i,
                    "quadrant": quadrant(p, i),
                    "row": _bin(p, PROBABILITY_CUTS),
                    "col": _bin(i, IMPACT_CUTS),
                    "affected_customers": int(counts["affected_customers"]),
                    "n": int(n),
                    "drivers": drivers(item_type, counts, p),
                    "owner": note.get("owner"),
                    "status": note.get("status") or "open",
                    "note": note.get("note"),
                })
    frame = pd.DataFrame(records, columns=COLUMNS)
    return frame.sort_values("score", ascending=False, ignore_index=True)


def set_item(item_id: str, *, owner: str | None, status: str, note: str | None,
             user: Viewer | str, db: str | os.PathLike | None = None) -> dict[str, Any]:
    """Store an item's owner, mitigation status and note; history and audit keep the change.

    USER is the signed-in Viewer (checked for edit_risk_items) or a trusted system caller's name.
    """
    user = acting_name(user, "edit_risk_items")
    item_type, _, key = (item_id or "").partition(":")
    if item_type not in ITEM_TYPES or not key.strip():
        raise RiskItemError(f"Unknown risk item {item_id!r}; pick an item from the matrix.")
    if status not in STATUSES:
        raise RiskItemError(f"Status must be one of {', '.join(STATUSES)} (got {status!r}).")
    if not user:
        raise RiskItemError("A change needs the name of the user making it.")
    owner = (owner or "").strip() or None
    note = (note or "").strip() or None
    if owner and len(owner) > 200:
        raise RiskItemError("The owner name is too long (200 characters at most).")
    if note and len(note) > 4000:
        raise RiskItemError("The note is too long (4,000 characters at most).")
    after = {"owner": owner, "status": status, "note": note}
    at = datetime.now(UTC).replace(tzinfo=None)
    with connect(db, write=True) as con:
        current = {r["item_id"]: r for r in sqlfiles.rows(con, "risk/item_get.sql")}.get(item_id)
        before = ({k: current[k] for k in after} if current
                  else {"owner": None, "status": "open", "note": None})
        if before == after:
            return after
        with transaction(con):
            sqlfiles.execute(con, "risk/item_upsert.sql",
                             {"item_id": item_id, **after, "user": user, "at": at})
            sqlfiles.execute(con, "risk/item_change_insert.sql", {
                "item_id": item_id, "user": user, "at": at,
                "before": json.dumps(before, ensure_ascii=False),
                "after": json.dumps(after, ensure_ascii=False),
            })
            audit.record(con, user, "risk_item_change", item_id, {"before": before, "after": after})
    return after


def item_history(*, viewer: Viewer, db: str | os.PathLike | None = None,
                 item_id: str | None = None) -> pd.DataFrame:
    """Owner/status/note changes, newest first (before and after as dicts)."""
    with connect(db) as con:
        frame = sqlfiles.df(con, "risk/item_history.sql", {"item_id": item_id})
    for col in ("before", "after"):
        frame[col] = [json.loads(v) if isinstance(v, str) else v for v in frame[col]]
    return frame
