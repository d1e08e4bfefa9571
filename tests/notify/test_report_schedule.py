"""The quarterly report is due on the first working day after the quarter, at the set time."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from warehouse.alerting.notify.report_schedule import (
    first_working_day_after,
    previous_quarter,
    report_due,
)


@pytest.mark.parametrize("quarter, expected", [
    ("2026Q3", date(2026, 10, 1)),   # Thursday
    ("2026Q1", date(2026, 4, 1)),    # Wednesday
    ("2025Q4", date(2026, 1, 1)),    # Thursday (holidays are not known)
    ("2026Q2", date(2026, 7, 1)),    # Wednesday
    ("2027Q2", date(2027, 7, 1)),    # Thursday
    ("2026Q4", date(2027, 1, 1)),    # Friday
    ("2027Q1", date(2027, 4, 1)),    # Thursday
    ("2025Q1", date(2025, 4, 1)),    # Tuesday
    ("2024Q2", date(2024, 7, 1)),    # Monday
    ("2023Q3", date(2023, 10, 2)),   # 1 Oct 2023 is a Sunday
    ("2022Q4", date(2023, 1, 2)),    # 1 Jan 2023 is a Sunday
    ("2028Q1", date(2028, 4, 3)),    # 1 Apr 2028 is a Saturday
])
def test_first_working_day_after_the_quarter(quarter, expected):
    assert first_working_day_after(quarter) == expected


def test_previous_quarter():
    assert previous_quarter(date(2026, 10, 1)) == "2026Q3"
    assert previous_quarter(date(2026, 1, 15)) == "2025Q4"
    assert previous_quarter(date(2026, 6, 30)) == "2026Q1"


def test_due_from_the_set_local_time_once():
    # 2 Oct 2023 09:00 in Shanghai is 01:00 UTC
    assert report_due(datetime(2023, 10, 2, 0, 59), "Asia/Shanghai", "09:00", None) is None
    assert report_due(datetime(2023, 10, 2, 1, 0), "Asia/Shanghai", "09:00", None) == "2023Q3"
    assert report_due(datetime(2023, 10, 2, 1, 0), "Asia/Shanghai", "09:00", "2023Q3") is None
    # a monitor that was down that day sends it later in the quarter, once
    assert report_due(datetime(2023, 11, 20, 3, 0), "Asia/Shanghai", "09:00", "2023Q2") == "2023Q3"
    # a Sunday 1 Oct is not a working day
    assert report_due(datetime(2023, 10, 1, 5, 0), "Asia/Shanghai", "09:00", "2023Q2") is None
