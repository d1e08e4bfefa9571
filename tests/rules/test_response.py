"""Response levels and clocks (warehouse/docs/risk_and_alerts.md table)."""

from __future__ import annotations

from datetime import datetime

from warehouse.alerting.engine import Rule
from warehouse.alerting.lifecycle import clocks, due_at, response_level

AT = datetime(2026, 4, 17)


def _rule(metric="csat_top2_pct", **params) -> Rule:
    return Rule(rule_id="r", kind="static", metric=metric, direction="above", yellow=1, red=2,
                params=params)


def test_levels_by_alert_level_count_and_criticality():
    assert response_level(_rule(), "yellow", 55.0) == "III"
    assert response_level(_rule(), "red", 35.0) == "II"
    assert response_level(_rule(critical=True), "yellow", 1.0) == "I"
    counts = _rule("complaints")
    assert response_level(counts, "yellow", 6.0) == "IV"     # not a group event (< 10)
    assert response_level(counts, "yellow", 10.0) == "III"
    assert response_level(counts, "red", 25.0) == "II"
    assert response_level(counts, "red", 101.0) == "II"


def test_clocks_and_due_times():
    assert due_at("IV", AT) == datetime(2026, 4, 17, 2)
    assert due_at("III", AT) == datetime(2026, 4, 18)
    assert due_at("II", AT) == datetime(2026, 4, 17, 1)
    assert [(c["task"], c["due_at"]) for c in clocks("I", AT)] == [
        ("incident meeting", "2026-04-17 01:00:00"),
        ("first measures public", "2026-04-17 02:00:00"),
        ("regulator informed", "2026-04-17 02:00:00"),
    ]
