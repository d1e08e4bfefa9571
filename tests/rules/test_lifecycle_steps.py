"""The pure lifecycle step (`next_state`) on hand-written periods: what it logs and shows."""

from __future__ import annotations

from datetime import datetime, timedelta

from warehouse.alerting.engine import Rule
from warehouse.alerting.lifecycle import Period, next_state

# More than 5 a day is yellow, more than 20 red; one day back inside resolves.
RULE = Rule("per_product", "threshold", "complaints", "above", yellow=5.0, red=20.0)
DAY0 = datetime(2026, 3, 11)


def day(i: int, value: float, level: str | None, limit: float | None = None) -> Period:
    start = DAY0 + timedelta(days=i)
    return Period(scope="product=Router", scope_dim="product", scope_value="Router",
                  period_start=start, period_end=start + timedelta(days=1),
                  at=start + timedelta(days=1), status=level or "ok", level=level, value=value,
                  limit=limit, metric_value=value, baseline=2.0, baseline_sd=0.0)


def run(periods: list[Period]):
    """The alert after each period in turn, and the events logged on the way (phase notes left
    out: outbreak and decline are not what these tests are about)."""
    alert, events = None, []
    for period in periods:
        step = next_state(alert, period, RULE)
        alert = step.alert
        events.extend(e.event for e in step.events if e.event != "phase")
    return alert, events


def test_recovery_is_logged_once_when_it_comes_with_the_resolve():
    # 25 (red), then 2 a day: resolved on the first day back, at the baseline of 2 → recovered
    alert, events = run([day(0, 25, "red", 20.0)] + [day(i, 2, None) for i in range(1, 6)])
    assert alert.state == "resolved" and alert.recovered is True
    assert events == ["opened", "resolved", "recovered"]


def test_recovery_is_logged_once_when_it_comes_after_the_resolve():
    # 25, then 4 (inside "> 5" but above 2 + max(10 % of 2, sd 0) = 2.2: not yet recovered),
    # then 2 a day for four days: recovered on the first of them, and only then
    alert, events = run([day(0, 25, "red", 20.0), day(1, 4, None)]
                        + [day(i, 2, None) for i in range(2, 6)])
    assert alert.recovered is True and alert.recovery_value == 2
    assert events == ["opened", "resolved", "recovered"]


def test_a_recovered_alert_logs_nothing_more_even_when_asked_again():
    alert, _ = run([day(0, 25, "red", 20.0), day(1, 2, None)])
    assert alert.recovered is True
    assert next_state(alert, day(2, 2, None), RULE).events == ()


def test_the_shown_limit_is_the_limit_of_the_shown_level():
    # yellow (8 > 5), red (25 > 20), then 9: back to a yellow-level value while the alert stays
    # red (no de-escalation while open) → the limit shown beside "red" stays red's 20
    alert, events = run([day(0, 8, "yellow", 5.0), day(1, 25, "red", 20.0), day(2, 9, "yellow", 5.0)])
    assert alert.level == "red" and alert.value == 9
    assert alert.limit_value == 20.0
    assert events[:2] == ["opened", "escalated"]
    # and a yellow alert shows yellow's limit
    alert, _ = run([day(0, 8, "yellow", 5.0), day(1, 7, "yellow", 5.0)])
    assert (alert.level, alert.limit_value) == ("yellow", 5.0)
