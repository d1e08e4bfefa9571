"""Calendar quarters as reports name them ("2026Q3"): their days and their neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


class QuarterError(ValueError):
    """A quarter name that cannot be read; the message says how to write one."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1–4

    @classmethod
    def parse(cls, text: str | Quarter) -> Quarter:
        if isinstance(text, Quarter):
            return text
        match = _PATTERN.match(str(text or ""))
        if not match:
            raise QuarterError(f"not a quarter: {text!r} (write it as YYYYQn, e.g. 2026Q3)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        return self.next().start - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def year_before(self) -> Quarter:
        return Quarter(self.year - 1, self.number)

    def months(self) -> list[date]:
        """The first day of each of its three months."""
        return [date(self.year, 3 * self.number - 2 + i, 1) for i in range(3)]

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def last_full_quarter(day: date) -> Quarter:
    """The newest quarter whose last day is DAY or before it (DAY: the day the data reaches,
    or today): the quarter DAY ends, else the one before."""
    containing = Quarter.containing(day)
    return containing if day == containing.end else containing.previous()
