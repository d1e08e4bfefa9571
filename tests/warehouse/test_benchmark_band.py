"""The industry band when the window holds one industry period, and its width otherwise."""

from __future__ import annotations

import math
import statistics
from datetime import date

import pytest

from warehouse.access.scope import SYSTEM, Filters
from warehouse.kpi.benchmarks import band
from warehouse.storage.db import connect

INDUSTRY = {date(2025, 7, 1): 38.0, date(2025, 8, 1): 41.0, date(2025, 9, 1): 35.0}


@pytest.fixture
def db(tmp_db):
    with connect(tmp_db, write=True) as con:
        for period, value in INDUSTRY.items():
            for competitor, v in (("industry", value), ("rival a", value + 5)):
                con.execute(
                    "insert into benchmarks (period, period_label, competitor, metric, value, "
                    "touchpoint, source, batch_id, first_batch_id) "
                    "values (?, ?, ?, 'nps', ?, '', 'own research', 1, 1)",
                    [period, f"{period:%Y-%m}", competitor, v],
                )
    return tmp_db


def test_one_industry_period_gives_a_band_without_limits_and_says_why(db) -> None:
    frame = band("nps", filters=Filters(date(2025, 8, 1), date(2025, 8, 31)), viewer=SYSTEM, db=db)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["period"] == date(2025, 8, 1) and row["industry"] == 41.0
    assert math.isnan(row["lower"]) and math.isnan(row["upper"])
    assert not bool(row["outside"])
    assert "one industry period" in frame.attrs["message"]


def test_several_periods_give_industry_plus_minus_one_and_a_half_sigma(db) -> None:
    frame = band("nps", filters=Filters(date(2025, 7, 1), date(2025, 9, 30)), viewer=SYSTEM, db=db)
    sigma = statistics.stdev(INDUSTRY.values())  # sample standard deviation, by hand: sqrt(9)=3
    assert sigma == pytest.approx(3.0)
    assert list(frame["lower"]) == pytest.approx([v - 4.5 for v in INDUSTRY.values()])
    assert list(frame["upper"]) == pytest.approx([v + 4.5 for v in INDUSTRY.values()])
    assert "message" not in frame.attrs
