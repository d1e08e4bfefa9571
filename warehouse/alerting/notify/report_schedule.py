"""When the quarterly report is due: the first working day after a quarter, at a set local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def previous_quarter(day: date) -> str:
    """The last full quarter before DAY's quarter."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return quarter_of(first - timedelta(days=1))


def quarter_end(quarter: str) -> date:
    year, q = int(quarter[:4]), int(quarter[-1])
    if q == 4:
        return date(year, 12, 31)
    return date(year, 3 * q + 1, 1) - timedelta(days=1)


def first_working_day_after(quarter: str) -> date:
    """Monday to Friday; public holidays are not known here (set the time a day later if one
    falls there)."""
    day = quarter_end(quarter) + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def report_due(now: datetime, zone: str, at: str, last_quarter: str | None) -> str | None:
    """The quarter whose report is due at NOW (UTC) and not sent yet, else None.

    Due from the first working day after the quarter at AT local time; a monitor that was not
    running then sends it when it next runs (the latest quarter only, never older ones).
    """
    local = now.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    quarter = previous_quarter(local.date())
    if last_quarter is not None and last_quarter >= quarter:
        return None
    hour, minute = (int(p) for p in at.split(":"))
    start = datetime.combine(first_working_day_after(quarter), time(hour, minute),
                             tzinfo=ZoneInfo(zone))
    return quarter if local >= start else None
