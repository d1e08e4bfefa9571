"""Each rule kind on small hand-made series: levels, limits and breaches by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from warehouse.alerting.engine import LEVELS, Rule, assess

DAY0 = datetime(2026, 3, 2)


def series(values, n=None, *, scope="product=A", step_days=1, **extra) -> pd.DataFrame:
    starts = [DAY0 + timedelta(days=step_days * i) for i in range(len(values))]
    frame = pd.DataFrame({
        "scope": scope,
        "scope_dim": scope.split("=")[0] if "=" in scope else "",
        "scope_value": scope.split("=")[1] if "=" in scope else "",
        "period_start": starts,
        "period_end": [s + timedelta(days=step_days) for s in starts],
        "value": [float(v) for v in values],
        "n": [float(x) for x in (n if n is not None else [100] * len(values))],
    })
    for key, column in extra.items():
        frame[key] = column
    return frame


def rule(kind, direction, yellow, red, **params) -> Rule:
    return Rule(rule_id="r", kind=kind, metric="m", direction=direction, yellow=yellow, red=red,
                params=params)


def levels(frame: pd.DataFrame) -> list:
    return [v if isinstance(v, str) else None for v in frame["level"]]


def test_static_above_is_strict():
    out = assess(rule("static", "above", 5, 20), series([4, 5, 6, 20, 21]))
    assert levels(out) == [None, None, "yellow", "yellow", "red"]
    assert list(out["limit"].iloc[2:]) == [5, 5, 20]
    # the watch margin is 90 % of the first limit: 5 > 4.5 is latent, 4 is not
    assert list(out["status"]) == ["ok", "latent", "yellow", "yellow", "red"]


def test_static_below_with_min_n():
    out = assess(rule("static", "below", 60, 40, min_n=30), series([70, 55, 35, 10], [100, 100, 100, 5]))
    assert levels(out) == [None, "yellow", "red", None]
    assert out["status"].iloc[3] == "insufficient"  # 5 answers judge nothing


def test_static_with_only_a_red_level():
    out = assess(rule("static", "above", None, 1000), series([999, 1001]))
    assert levels(out) == [None, "red"]


def test_relative_change_in_percent():
    # 10 → 13 is +30 % (yellow > 20), 13 → 20 is +53.8 % (red > 50), 20 → 10 is −50 %.
    out = assess(rule("relative_change", "above", 20, 50), series([10, 13, 20, 10]))
    assert levels(out) == [None, "yellow", "red", None]
    assert out["value"].iloc[1] == pytest.approx(30.0)
    assert out["value"].iloc[2] == pytest.approx(700 / 13)
    assert out["status"].iloc[0] == "insufficient"  # no previous period


def test_relative_change_significance_guard():
    # 10 % → 13 % of 100 answers: pooled p = 0.115, se = sqrt(0.115 × 0.885 × 2 / 100) = 0.0451,
    # z = 0.03 / 0.0451 = 0.67 < 2: not significant. With 5,000 answers z = 4.7: yellow.
    small = assess(rule("relative_change", "above", 20, 50, min_z=2), series([10, 13], [100, 100]))
    big = assess(rule("relative_change", "above", 20, 50, min_z=2), series([10, 13], [5000, 5000]))
    assert levels(small) == [None, None]
    assert levels(big) == [None, "yellow"]


def test_absolute_drop_inclusive():
    # third-party rating: a drop of ≥ 1 star is red
    out = assess(rule("relative_change", "below", None, 1, change="absolute", inclusive=True),
                 series([4.5, 4.5, 3.5, 3.75, 2.0]))
    assert levels(out) == [None, None, "red", None, "red"]
    assert out["value"].iloc[2] == pytest.approx(-1.0)
    assert out["limit"].iloc[2] == pytest.approx(-1.0)


def test_benchmark_gap_lower_is_better_and_higher_is_better():
    frt = series([100, 140, 170], reference=[100, 100, 100])
    out = assess(rule("benchmark_gap", "above", 30, 60), frt)
    assert list(out["value"]) == [0, 40, 70]
    assert levels(out) == [None, "yellow", "red"]
    csat = series([80, 68, 50], reference=[80, 80, 80])
    out = assess(rule("benchmark_gap", "below", 15, 30), csat)
    # (80 − 68) / 80 = 15 % (not beyond 15), (80 − 50) / 80 = 37.5 %
    assert list(out["value"]) == [0, 15, 37.5]
    assert levels(out) == [None, None, "red"]


def test_spike_ratio_of_windows():
    counts = [100, 100, 100, 100, 350, 350, 100, 100, 500, 500]
    out = assess(rule("spike", "above", 3, 5, window_periods=2, min_prior=50), series(counts))
    # i=3: 200/200 = 1; i=4: 450/200 = 2.25; i=5: 700/200 = 3.5 (yellow); i=9: 1000/200 = 5 (red)
    assert out["value"].iloc[3] == pytest.approx(1.0)
    assert out["value"].iloc[4] == pytest.approx(2.25)
    assert out["value"].iloc[5] == pytest.approx(3.5)
    assert out["value"].iloc[9] == pytest.approx(5.0)
    assert levels(out)[5] == "yellow" and levels(out)[9] == "red"
    assert levels(out)[:5] == [None] * 5


def test_spike_needs_a_prior_count():
    out = assess(rule("spike", "above", 3, 5, window_periods=1, min_prior=50), series([2, 30]))
    assert levels(out) == [None, None]
    assert list(out["status"]) == ["insufficient", "insufficient"]


def test_sustained_below_lagged_baseline():
    # baseline = mean of 4 periods ending 4 periods back; limit = baseline × 0.8 = 64
    values = [80] * 8 + [70, 60, 60, 60, 80]
    out = assess(rule("sustained", "below", 2, 3, pct=20, baseline_periods=4, baseline_lag=4),
                 series(values))
    assert levels(out)[8:] == [None, None, "yellow", "red", None]
    assert out["baseline"].iloc[9] == pytest.approx(80.0)
    assert out["status"].iloc[9] == "latent"  # below the line, run of 1 only
    assert out["limit"].iloc[10] == pytest.approx(64.0)


def test_sustained_falling_run():
    out = assess(rule("sustained", "below", 3, 5, mode="falling"),
                 series([90, 89, 88, 87, 86, 85, 86]))
    assert levels(out) == [None, None, None, "yellow", "yellow", "red", None]


def test_spc_rule_on_percent_series():
    # p-chart on a % series (scale 100): 10 % of 400 for 12 weeks, then 20 %.
    values = [10.0] * 12 + [20.0]
    out = assess(rule("spc", "above", 1.5, 3, chart="p", scale=100, baseline_periods=12),
                 series(values, [400] * 13))
    last = out.iloc[-1]
    assert last["level"] == "red"
    assert last["centre"] == pytest.approx(10.0)
    assert last["ucl"] == pytest.approx(100 * (0.1 + 3 * 0.015))


def _breaches(frame: pd.DataFrame) -> list[tuple]:
    """The breaching periods of an assessed frame: scope, start, end, level, value, limit."""
    hits = frame[frame["level"].isin(LEVELS)]
    return [(r.scope, r.period_start.to_pydatetime(), r.period_end.to_pydatetime(), r.level,
             float(r.value), float(r.limit), r.detail) for r in hits.itertuples()]


def test_assess_gives_the_breaches_per_scope():
    frame = pd.concat([series([1, 6, 25], scope="product=A"), series([1, 2, 3], scope="product=B")])
    found = _breaches(assess(rule("static", "above", 5, 20), frame))
    assert found == [
        ("product=A", DAY0 + timedelta(days=1), DAY0 + timedelta(days=2), "yellow", 6.0, 5.0, ""),
        ("product=A", DAY0 + timedelta(days=2), DAY0 + timedelta(days=3), "red", 25.0, 20.0, ""),
    ]


def test_periods_after_now_are_not_evaluated():
    frame = series([1, 30, 30])
    found = _breaches(assess(rule("static", "above", 5, 20), frame, now=DAY0 + timedelta(days=2)))
    assert [b[1] for b in found] == [DAY0 + timedelta(days=1)]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown rule kind"):
        assess(rule("magic", "above", 1, 2), series([1]))


def test_relative_change_against_pooled_prior_periods():
    # prior 4 weeks: 10 % of 100, 10 % of 100, 20 % of 200, 10 % of 100 → pooled 14 %
    # (n-weighted: (10·100 + 10·100 + 20·200 + 10·100) / 500 = 14); now 21 % → +50 %
    out = assess(rule("relative_change", "above", 20, 50, prior_periods=4),
                 series([10, 10, 20, 10, 21], [100, 100, 200, 100, 100]))
    assert out["baseline"].iloc[4] == pytest.approx(14.0)
    assert out["value"].iloc[4] == pytest.approx(50.0)
    assert levels(out) == [None, None, None, None, "yellow"]  # +50 % is not beyond 50
    out = assess(rule("relative_change", "above", 20, 50, prior_periods=4),
                 series([10, 10, 20, 10, 21.5], [100, 100, 200, 100, 100]))
    assert levels(out)[4] == "red"


def test_spc_skips_points_with_too_few_expected_events():
    # u-chart of 2 events per unit on 3 units (expected 6 < 20): not judged at all
    values = [2.0] * 12 + [9.0]
    out = assess(rule("spc", "above", 1.5, 3, chart="u", baseline_periods=12, min_expected=20),
                 series(values, [3] * 13))
    assert levels(out) == [None] * 13
    assert out["status"].iloc[-1] == "insufficient"
    out = assess(rule("spc", "above", 1.5, 3, chart="u", baseline_periods=12, min_expected=20),
                 series(values, [30] * 13))
    assert levels(out)[-1] == "red"  # σ = sqrt(2/30) = 0.258, z = 27
