"""SPC charts and Western Electric rules against hand-computed limits."""

from __future__ import annotations

import math

import pytest

from warehouse.kpi import spc


def test_p_chart_limits_use_each_points_own_n():
    # p̄ = 0.1: σ = sqrt(0.1 × 0.9 / 100) = 0.03 → 0.1 ± 3σ = [0.01, 0.19]
    sigma, lcl, ucl = spc.p_limits(0.1, 100, 3)
    assert sigma == pytest.approx(0.03)
    assert (lcl, ucl) == (pytest.approx(0.01), pytest.approx(0.19))
    # n = 400: σ = 0.015 → [0.055, 0.145]
    sigma, lcl, ucl = spc.p_limits(0.1, 400, 3)
    assert sigma == pytest.approx(0.015)
    assert (lcl, ucl) == (pytest.approx(0.055), pytest.approx(0.145))
    # limits are clipped to [0, 1]
    assert spc.p_limits(0.1, 4, 3)[1] == 0.0


def test_u_chart_limits():
    # ū = 2 per unit, n = 50 units: σ = sqrt(2 / 50) = 0.2 → 2 ± 3σ = [1.4, 2.6]
    sigma, lcl, ucl = spc.u_limits(2.0, 50, 3)
    assert sigma == pytest.approx(0.2)
    assert (lcl, ucl) == (pytest.approx(1.4), pytest.approx(2.6))


def test_western_electric_rules():
    nan = math.nan
    assert spc.western_electric([0.0, 3.5]) == [set(), {1}]
    assert spc.western_electric([0.0, -3.5], side=1) == [set(), set()]
    assert 2 in spc.western_electric([0.0, 2.5, 0.3, 2.2])[3]      # 2 of 3 beyond 2σ
    assert 2 not in spc.western_electric([2.5, 0.3, 0.3, 2.2])[3]  # only 1 of the last 3
    assert 3 in spc.western_electric([0.0, 1.5, 1.2, 0.2, 1.1, 1.3])[5]  # 4 of 5 beyond 1σ
    assert spc.western_electric([0.5] * 8)[7] == {4}                # 8 on one side
    assert spc.western_electric([0.5] * 7)[6] == set()
    assert spc.western_electric([0.5, 0.5, nan, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])[8] == set()
    # both sides count separately: 4 above then 4 below is not a run
    assert 4 not in spc.western_electric([0.5] * 4 + [-0.5] * 4)[7]


def test_p_chart_small_sample_does_not_false_alarm():
    # Ten quiet periods at 10 % of 100, then 20 % in a tiny sample (n = 25) or in a big one.
    quiet, quiet_n = [0.10] * 10, [100] * 10
    small = spc.control_chart(quiet + [0.20], quiet_n + [25], chart="p", baseline_periods=10,
                              direction="above").iloc[-1]
    big = spc.control_chart(quiet + [0.20], quiet_n + [400], chart="p", baseline_periods=10,
                            direction="above").iloc[-1]
    # small: σ = sqrt(0.1 × 0.9 / 25) = 0.06 → z = 0.1 / 0.06 = 1.67: no signal
    assert small["centre"] == pytest.approx(0.10)
    assert small["sigma"] == pytest.approx(0.06)
    assert small["z"] == pytest.approx(1.6667, abs=1e-3)
    assert small["level"] is None
    # big: σ = sqrt(0.09 / 400) = 0.015 → z = 6.67: red (rule 1); UCL = 0.1 + 3 × 0.015
    assert big["z"] == pytest.approx(6.6667, abs=1e-3)
    assert big["level"] == "red"
    assert big["ucl"] == pytest.approx(0.145)
    assert big["lcl"] == pytest.approx(0.055)


def test_yellow_needs_a_run_rule_and_red_points_leave_the_baseline():
    # individuals chart on a baseline of mean 10, sd 1 (values 9, 11 alternating)
    base = [9.0, 11.0] * 6
    one_off = spc.control_chart(base + [12.8], chart="i", baseline_periods=12, direction="above")
    # z = 2.8 / sd(9, 11, …) = 2.8 / 1.0445 = 2.68: beyond 1.5σ but no run rule confirms it
    assert one_off.iloc[-1]["level"] is None
    confirmed = spc.control_chart(base + [12.8, 12.6], chart="i", baseline_periods=12,
                                  direction="above")
    assert confirmed.iloc[-1]["level"] == "yellow"  # 2 of 3 beyond 2σ
    spike = spc.control_chart(base + [40.0, 10.0], chart="i", baseline_periods=12,
                              direction="above")
    assert spike.iloc[-2]["level"] == "red"
    # the red point is not part of the next baseline: centre stays at 10
    assert spike.iloc[-1]["centre"] == pytest.approx(10.0)


def test_direction_limits_signals_to_the_bad_side():
    base = [9.0, 11.0] * 6
    chart = spc.control_chart(base + [0.0], chart="i", baseline_periods=12, direction="above")
    assert chart.iloc[-1]["level"] is None
    chart = spc.control_chart(base + [0.0], chart="i", baseline_periods=12, direction="below")
    assert chart.iloc[-1]["level"] == "red"


def test_not_enough_baseline_gives_no_level():
    chart = spc.control_chart([1.0, 50.0], chart="i", baseline_periods=12)
    assert chart["level"].isna().all() or all(v is None for v in chart["level"])
    assert math.isnan(chart.iloc[1]["z"])
