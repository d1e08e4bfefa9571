"""Value parsing rules (dates, numbers, yes/no, periods) as the stager applies them, callable from Python.

The rules themselves live in pipelines/sql/macros.sql and run vectorised inside DuckDB; these
helpers run the same macros on a list of values (for previews, the mapping editor and tests).
"""

from __future__ import annotations

import threading
from datetime import date, datetime

import duckdb

from pipelines import sqlscripts

_local = threading.local()


def _con() -> duckdb.DuckDBPyConnection:
    con = getattr(_local, "con", None)
    if con is None:
        con = duckdb.connect()
        sqlscripts.run(con, "sql/macros.sql")
        _local.con = con
    return con


def parse_timestamps(values: list[str | None], *, dayfirst: bool = False, tz: str = "UTC") -> list[datetime | None]:
    """Timestamps in UTC (naive); local times read in `tz`, dates without time kept as that day."""
    return sqlscripts.run(_con(), "sql/parse_timestamps.sql",
                          {"values": list(values), "dayfirst": dayfirst, "tz": tz}).fetchone()[0]


def parse_dates(values: list[str | None], *, dayfirst: bool = False) -> list[date | None]:
    return sqlscripts.run(_con(), "sql/parse_dates.sql", {"values": list(values), "dayfirst": dayfirst}).fetchone()[0]


def parse_numbers(values: list[str | None]) -> list[float | None]:
    return sqlscripts.run(_con(), "sql/parse_numbers.sql", {"values": list(values)}).fetchone()[0]


def parse_bools(values: list[str | None]) -> list[bool | None]:
    return sqlscripts.run(_con(), "sql/parse_bools.sql", {"values": list(values)}).fetchone()[0]


def parse_periods(values: list[str | None]) -> list[date | None]:
    return sqlscripts.run(_con(), "sql/parse_periods.sql", {"values": list(values)}).fetchone()[0]
