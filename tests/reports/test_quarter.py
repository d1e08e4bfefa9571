"""Quarter names, their days and neighbours, and the last full quarter."""

from __future__ import annotations

from datetime import date

import pytest

from warehouse.reports.quarter import Quarter, QuarterError, last_full_quarter


@pytest.mark.parametrize("name", ["2026Q3", "2026q3", " 2026-Q3 ", "2026 Q3"])
def test_names_people_write_are_read(name):
    assert Quarter.parse(name) == Quarter(2026, 3)


@pytest.mark.parametrize("name", ["2026Q5", "Q3 2026", "2026", "", "26Q1"])
def test_other_names_say_how_to_write_one(name):
    with pytest.raises(QuarterError, match="YYYYQn"):
        Quarter.parse(name)


def test_days_and_neighbours():
    q = Quarter(2026, 1)
    assert (q.start, q.end, q.days) == (date(2026, 1, 1), date(2026, 3, 31), 90)
    assert str(q.previous()) == "2025Q4" and str(q.year_before()) == "2025Q1"
    assert str(Quarter(2025, 4).next()) == "2026Q1"
    assert Quarter(2026, 4).end == date(2026, 12, 31)
    assert Quarter(2024, 1).days == 91  # a leap year


def test_last_full_quarter_is_the_one_the_day_completes_or_the_one_before():
    assert last_full_quarter(date(2026, 6, 30)) == Quarter(2026, 2)
    assert last_full_quarter(date(2026, 6, 29)) == Quarter(2026, 1)
    assert last_full_quarter(date(2026, 12, 2)) == Quarter(2026, 3)
    assert last_full_quarter(date(2026, 1, 1)) == Quarter(2025, 4)
