"""Statistical process control: p-, u- and individuals charts and the Western Electric run rules."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

CHARTS = ("p", "u", "i", "benchmark")


def p_limits(p_bar: float, n: float, k: float) -> tuple[float, float, float]:
    """(sigma, lcl, ucl) of a p-chart point: p̄ ± k·sqrt(p̄(1−p̄)/n), clipped to [0, 1]."""
    sigma = math.sqrt(p_bar * (1.0 - p_bar) / n) if n > 0 else math.nan
    return sigma, max(0.0, p_bar - k * sigma), min(1.0, p_bar + k * sigma)


def u_limits(u_bar: float, n: float, k: float) -> tuple[float, float, float]:
    """(sigma, lcl, ucl) of a u-chart point: ū ± k·sqrt(ū/n), where n counts units of exposure."""
    sigma = math.sqrt(u_bar / n) if n > 0 else math.nan
    return sigma, max(0.0, u_bar - k * sigma), u_bar + k * sigma


def western_electric(z: Sequence[float], side: int | None = None) -> list[set[int]]:
    """For each point, the Western Electric rules (1–4) it completes.

    z are standardised distances from the centre line (NaN = no point). `side` +1 only
    counts signals above the centre, −1 only below, None either side. Rules:
    1 one point beyond 3σ; 2 two of three beyond 2σ on one side; 3 four of five beyond 1σ
    on one side; 4 eight in a row on one side. A rule fires on the point that completes it.
    """
    zs = [float(v) if v is not None else math.nan for v in z]
    return [fired_at(zs, i, side) for i in range(len(zs))]


def fired_at(zs: Sequence[float], i: int, side: int | None = None) -> set[int]:
    """The Western Electric rules the point i completes (see western_electric)."""
    fired: set[int] = set()
    zi = zs[i]
    if math.isnan(zi):
        return fired
    for s in (1, -1) if side is None else (side,):
        if s * zi > 3:
            fired.add(1)
        if s * zi > 2 and _count(zs, i, 3, lambda v, s=s: s * v > 2) >= 2:
            fired.add(2)
        if s * zi > 1 and _count(zs, i, 5, lambda v, s=s: s * v > 1) >= 4:
            fired.add(3)
        if i >= 7 and all(not math.isnan(v) and s * v > 0 for v in zs[i - 7 : i + 1]):
            fired.add(4)
    return fired


def _count(zs: Sequence[float], i: int, width: int, test) -> int:
    window = zs[max(0, i - width + 1) : i + 1]
    if len(window) < width:
        return 0
    return sum(1 for v in window if not math.isnan(v) and test(v))


def control_chart(
    values: Sequence[float],
    n: Sequence[float] | None = None,
    *,
    chart: str = "i",
    baseline_periods: int = 12,
    min_baseline: int | None = None,
    k_yellow: float = 1.5,
    k_red: float = 3.0,
    direction: str | None = None,
    min_n: float = 0,
    min_expected: float = 0,
    reference: Sequence[float] | None = None,
    reference_sd: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Per-period centre line, σ and limits from each point's own trailing baseline.

    p-chart: values are proportions (0–1) with sample sizes n; the centre is the pooled
    proportion of the previous `baseline_periods` points and σ uses the point's own n, so a
    small region gets wider limits instead of false alarms. u-chart: values are counts per
    unit with n units of exposure. i-chart: mean ± k·sd of the baseline. benchmark: the
    centre and σ are given per period (an industry mean and its spread).

    A p- or u-chart point whose expected count (centre × n) is below `min_expected` is not
    judged: the normal approximation behind the limits fails for small counts.

    Level: red when beyond k_red·σ on the bad side (rule 1); yellow when beyond k_yellow·σ on
    the bad side and a run rule (2, 3 or 4) confirms it — a single point between 1.5σ and 3σ
    happens by chance in one period of fifteen and would make every chart flap.
    """
    vals = np.asarray(values, dtype=float)
    size = len(vals)
    ns = np.ones(size) if n is None else np.asarray(n, dtype=float)
    min_baseline = min_baseline if min_baseline is not None else max(3, baseline_periods // 2)
    side = {"above": 1, "below": -1}.get(direction or "", None)
    centre = np.full(size, np.nan)
    sigma = np.full(size, np.nan)
    z = np.full(size, np.nan)
    usable = ~np.isnan(vals) & (ns >= min_n) & (ns > 0)
    # Out-of-control points (red) stay out of later baselines, so an incident does not
    # widen the limits that should catch the next one.
    in_control = usable.copy()
    rules: list[set[int]] = []
    levels: list[str | None] = []
    for i in range(size):
        if chart == "benchmark":
            centre[i] = reference[i]
            sigma[i] = reference_sd[i] if reference_sd is not None else np.nan
        else:
            idx = [j for j in range(i) if in_control[j]][-baseline_periods:]
            if len(idx) >= min_baseline:
                centre[i], sigma[i] = _centre_sigma(chart, vals[idx], ns[idx], ns[i])
        expected_ok = chart not in ("p", "u") or centre[i] * ns[i] >= min_expected
        if usable[i] and sigma[i] > 0 and expected_ok:
            z[i] = (vals[i] - centre[i]) / sigma[i]
        fired = fired_at(z, i, side)
        rules.append(fired)
        level = _level(z[i], fired, side, k_yellow, k_red)
        levels.append(level)
        if level == "red":
            in_control[i] = False
    lower_bound = 0.0 if chart in ("p", "u") else -np.inf
    upper_bound = 1.0 if chart == "p" else np.inf
    frame = pd.DataFrame(
        {
            "value": vals,
            "n": ns,
            "centre": centre,
            "sigma": sigma,
            "z": z,
            "lcl": np.clip(centre - k_red * sigma, lower_bound, upper_bound),
            "ucl": np.clip(centre + k_red * sigma, lower_bound, upper_bound),
            "lcl_yellow": np.clip(centre - k_yellow * sigma, lower_bound, upper_bound),
            "ucl_yellow": np.clip(centre + k_yellow * sigma, lower_bound, upper_bound),
            "rules": [sorted(r) for r in rules],
        }
    )
    frame["level"] = pd.Series(levels, dtype=object)
    return frame


def _centre_sigma(chart: str, values: np.ndarray, ns: np.ndarray, n_i: float):
    if chart == "p":
        p_bar = float(np.sum(values * ns) / np.sum(ns))
        return p_bar, p_limits(p_bar, n_i, 1.0)[0]
    if chart == "u":
        u_bar = float(np.sum(values * ns) / np.sum(ns))
        return u_bar, u_limits(u_bar, n_i, 1.0)[0]
    if chart == "i":
        sd = float(np.std(values, ddof=1)) if len(values) > 1 else math.nan
        return float(np.mean(values)), sd
    raise ValueError(f"unknown chart {chart!r}; one of {', '.join(CHARTS)}")


def _level(zi: float, fired: set[int], side: int | None, k_yellow: float, k_red: float):
    if math.isnan(zi):
        return None
    worst = max(s * zi for s in ((side,) if side else (1, -1)))
    if worst > k_red:
        return "red"
    if worst > k_yellow and fired & {2, 3, 4}:
        return "yellow"
    return None
