"""Who is asking (Viewer) and what they asked for (Filters): every read takes both."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

ROLES = ("admin", "analyst", "manager", "dept_head")


def _norm(values) -> tuple[str, ...]:
    """Filter values compare case-insensitively and trimmed; empties are dropped."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(sorted({str(v).strip().lower() for v in values if str(v).strip()}))


@dataclass(frozen=True)
class Viewer:
    """A signed-in user. A dept_head sees only rows inside their channels and/or regions."""

    name: str
    role: str
    channels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; one of {', '.join(ROLES)}")
        object.__setattr__(self, "channels", _norm(self.channels))
        object.__setattr__(self, "regions", _norm(self.regions))

    @property
    def scoped(self) -> bool:
        return self.role == "dept_head"


# The identity used by the CLI and by background jobs that act for the whole company.
SYSTEM = Viewer("system", "admin")


@dataclass(frozen=True)
class Filters:
    """A filter request. Dates are inclusive calendar days in UTC; lists match any value."""

    start: date | None = None
    end: date | None = None
    channel: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    touchpoint: tuple[str, ...] = ()
    segment: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    severity: tuple[str, ...] = ()
    exclude_suspect: bool = False

    def __post_init__(self) -> None:
        for name in ("channel", "region", "touchpoint", "segment", "category", "severity"):
            object.__setattr__(self, name, _norm(getattr(self, name)))
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, datetime):
                object.__setattr__(self, name, value.date())
            elif isinstance(value, str):
                object.__setattr__(self, name, date.fromisoformat(value))

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    def previous_period(self) -> Filters:
        """The window of equal length right before this one (for deltas)."""
        if not (self.start and self.end):
            return replace(self, start=None, end=None)
        days = (self.end - self.start).days + 1
        return replace(self, start=self.start - timedelta(days=days), end=self.start - timedelta(days=1))


def bind(filters: Filters, viewer: Viewer) -> dict[str, Any]:
    """Named parameters every scoped SQL model expects (see warehouse/sql/README.md).

    The viewer's scope is bound as data, never pasted into SQL: a dept_head with an empty
    scope gets scope lists that match nothing.
    """
    start = datetime.combine(filters.start, datetime.min.time()) if filters.start else None
    end = datetime.combine(filters.end + timedelta(days=1), datetime.min.time()) if filters.end else None
    return {
        "start": start,
        "end": end,  # exclusive
        "channels": list(filters.channel),
        "regions": list(filters.region),
        "touchpoints": list(filters.touchpoint),
        "segments": list(filters.segment),
        "categories": list(filters.category),
        "severities": list(filters.severity),
        "exclude_suspect": filters.exclude_suspect,
        "scoped": viewer.scoped,
        "scope_channels": list(viewer.channels),
        "scope_regions": list(viewer.regions),
    }
