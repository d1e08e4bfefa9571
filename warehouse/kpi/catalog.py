"""What is in the warehouse: filter options inside a viewer's scope, data freshness, emptiness."""

from __future__ import annotations

from datetime import UTC, datetime

from warehouse.access.scope import Filters, Viewer
from warehouse.kpi.metrics import params, query
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect

OPTION_FIELDS = ("channels", "regions", "touchpoints", "segments", "categories", "severities")


def filter_options(*, viewer: Viewer, db=None) -> dict[str, list[str]]:
    """Values a viewer can pick per filter, as written in the data, only inside their scope."""
    with connect(db) as con:
        found = query(con, "marts/filter_options.sql", params(Filters(), viewer), "rows")
    options: dict[str, list[str]] = {name: [] for name in OPTION_FIELDS}
    for row in found:
        options[row["field"]].append(row["value"])
    return options


def _status(db) -> dict:
    with connect(db) as con:
        return sqlfiles.one(con, "marts/data_as_of.sql", {"now": now()}) or {}


def now() -> datetime:
    """The present in UTC, naive like the stored times: rows after it are not "data as of"."""
    return datetime.now(UTC).replace(tzinfo=None)


def data_as_of(*, viewer: Viewer, db=None) -> datetime | None:
    """The newest timestamp among loaded survey responses, complaints, benchmarks and ops rows
    that is not in the future (the default period is anchored on it, never on an outlier)."""
    return _status(db).get("data_as_of")


def latest_batch(*, viewer: Viewer, db=None) -> int | None:
    """The newest loaded batch id (changes whenever a load lands)."""
    return _status(db).get("latest_batch")


def data_version(*, viewer: Viewer, db=None) -> str:
    """A token that changes on every load and every undo: key caches and live refresh on it.

    The same for every viewer (it counts batches, not rows), so the app asks it as SYSTEM."""
    status = _status(db)
    return f"{status.get('batch_count')}:{status.get('latest_batch')}:{status.get('last_change_at')}"


def is_empty(*, viewer: Viewer, db=None) -> bool:
    """True when no source table holds a row (a fresh warehouse)."""
    return not _status(db).get("row_count")
