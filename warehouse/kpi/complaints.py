"""Complaint views: SLA by severity, Pareto of categories, repeats, escalation/FCR, text search."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from warehouse.access.scope import Filters, Viewer
from warehouse.kpi.metrics import newest_first, params, query
from warehouse.storage.db import connect

GROUP_BY = ("category", "channel", "region", "severity", "touchpoint")
PARETO_SHARE = 80.0


def sla_by_severity(
    *, filters: Filters, viewer: Viewer, db=None, as_of: datetime | None = None
) -> pd.DataFrame:
    """Per severity: tickets, first-response and resolution SLA met/breach/pending and %.

    Unanswered tickets past their due time (at `as_of`, default the data's newest timestamp)
    are breaches; those not yet due are pending and left out of the %.
    """
    with connect(db) as con:
        return query(con, "marts/sla_by_severity.sql", params(filters, viewer, as_of=as_of))


def _check_grouping(by: str) -> None:
    if by not in GROUP_BY:
        raise ValueError(f"unknown grouping {by!r}; one of {', '.join(GROUP_BY)}")


def _groups(con, by: str, filters: Filters, viewer: Viewer) -> pd.DataFrame:
    _check_grouping(by)
    frame = query(con, "marts/complaint_groups.sql", params(filters, viewer, by=by))
    return frame.rename(columns={"value": by})


def pareto(*, filters: Filters, viewer: Viewer, db=None, by: str = "category") -> pd.DataFrame:
    """Categories by complaints, with share and cumulative share; `vital_few` marks the few
    causes that make up the first 80 % (the one crossing 80 % included)."""
    _check_grouping(by)
    with connect(db) as con:
        frame = query(con, "marts/complaint_pareto.sql", params(filters, viewer, by=by))
    frame = frame.rename(columns={"value": by})
    frame[by] = frame[by].replace({"": "(none)"})
    # Tickets without a value ('-' and other placeholders are stored as missing) are "unknown":
    # their own bar, last, but no cause of their own, so they take no share.
    known = frame[frame[by] != "(none)"].copy()
    unknown = frame[frame[by] == "(none)"].copy()
    total = known["complaints"].sum()
    known["share_pct"] = 100.0 * known["complaints"] / total if total else 0.0
    known["cumulative_pct"] = known["share_pct"].cumsum()
    before = known["cumulative_pct"] - known["share_pct"]
    known["vital_few"] = before < PARETO_SHARE - 1e-9
    unknown = unknown.assign(share_pct=None, cumulative_pct=None, vital_few=False)
    return pd.concat([known, unknown], ignore_index=True) if len(unknown) else known.reset_index(drop=True)


def escalation_fcr(
    *, filters: Filters, viewer: Viewer, db=None, by: str = "channel"
) -> pd.DataFrame:
    """Per group: complaints, escalated, escalation rate %, first-contact resolved, FCR %."""
    with connect(db) as con:
        frame = _groups(con, by, filters, viewer)
    frame[by] = frame[by].replace({"": "(none)"})
    return frame[[by, "complaints", "escalated", "escalation_rate_pct",
                  "first_contact_resolved", "fcr_pct"]]


def repeat_complaints(
    *, filters: Filters, viewer: Viewer, db=None, limit: int = 500
) -> pd.DataFrame:
    """Customer × category pairs with repeat complaints (same category within 30 days)."""
    with connect(db) as con:
        return query(con, "marts/repeat_complaints.sql",
                           params(filters, viewer, limit=int(limit)))


def _like_pattern(text: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(text: str, *, filters: Filters, viewer: Viewer, db=None, limit: int = 500) -> pd.DataFrame:
    """Tickets whose description, category, ticket id or customer id contains `text`
    (case-insensitive; the text is a bound value, % and _ match literally)."""
    bound = params(filters, viewer, pattern=_like_pattern(text or ""))
    with connect(db) as con:
        return newest_first(con, "marts/complaint_search.sql", bound, int(limit))


def search_count(text: str, *, filters: Filters, viewer: Viewer, db=None) -> int:
    """How many tickets search() finds without its limit (a capped list says "n of total")."""
    bound = params(filters, viewer, pattern=_like_pattern(text or ""))
    with connect(db) as con:
        return int(query(con, "marts/complaint_search_count.sql", bound, "one")["tickets"])


def open_tickets(
    *, filters: Filters, viewer: Viewer, db=None, as_of: datetime | None = None,
    limit: int | None = 500,
) -> pd.DataFrame:
    """Tickets still open, each with the SLA clock running for it at `as_of` (default the data's
    newest timestamp): `awaiting_response` tells which clock, `seconds_left` < 0 is overdue.
    Most urgent first; `limit` None lists them all."""
    bound = params(filters, viewer, as_of=as_of, limit=limit if limit is not None else 2**62)
    with connect(db) as con:
        frame = query(con, "marts/open_tickets.sql", bound)
    frame.attrs["as_of"] = bound["as_of"]
    return frame


def open_ticket_count(*, filters: Filters, viewer: Viewer, db=None) -> int:
    """How many tickets are open in the request (open_tickets without its limit)."""
    with connect(db) as con:
        found = query(con, "marts/open_tickets_count.sql", params(filters, viewer), "one")
    return int(found["tickets"])
