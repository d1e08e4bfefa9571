"""Pure rule evaluation: a rule and its data series in, a level per period and the breaches out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from warehouse.kpi import spc

KINDS = ("static", "relative_change", "benchmark_gap", "spc", "sustained", "spike")
DIRECTIONS = ("above", "below")
# The periods a rule can judge (the dashboard's own grains are kpi.metrics.GRAINS).
RULE_GRAINS = ("day", "week", "month")
LEVELS = ("yellow", "red")

# Columns of the frame assess() returns, one row per scope and period.
ASSESSED_COLUMNS = [
    "scope", "scope_dim", "scope_value", "period_start", "period_end", "value", "n",
    "metric_value", "level", "limit", "status", "centre", "lcl", "ucl", "baseline", "detail",
]


@dataclass(frozen=True)
class Rule:
    """One threshold rule as stored in the `rules` table."""

    rule_id: str
    kind: str
    metric: str
    direction: str
    yellow: float | None
    red: float | None
    grain: str = "day"
    scope_dims: tuple[str, ...] = ()
    window_label: str = ""
    name_en: str = ""
    name_zh: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    position: int = 0

    def param(self, name: str, default: Any = None) -> Any:
        value = self.params.get(name)
        return default if value is None else value

    @property
    def clear_periods(self) -> int:
        """Periods back inside before an alert resolves: one full window (hysteresis)."""
        return int(self.param("clear_periods", self.param("window_periods", 1)))


def _beyond(value: float, limit: float | None, direction: str, inclusive: bool = False) -> bool:
    if limit is None or value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if direction == "above":
        return value >= limit if inclusive else value > limit
    return value <= limit if inclusive else value < limit


def _level(rule: Rule, value: float, yellow=None, red=None) -> tuple[str | None, float | None]:
    """The level a value reaches against the rule's limits (or the given ones) and that limit."""
    yellow = rule.yellow if yellow is None else yellow
    red = rule.red if red is None else red
    inclusive = bool(rule.param("inclusive", False))
    if _beyond(value, red, rule.direction, inclusive):
        return "red", red
    if _beyond(value, yellow, rule.direction, inclusive):
        return "yellow", yellow
    return None, None


def _watch(rule: Rule, value: float, first_limit: float | None) -> bool:
    """Latent: within the watch margin (default 10 %) short of the first limit."""
    if first_limit is None or value is None or math.isnan(value):
        return False
    ratio = float(rule.param("watch_ratio", 0.9))
    if rule.direction == "above":
        return value > first_limit * ratio
    return value < first_limit / ratio if ratio else False


def assess(rule: Rule, series: pd.DataFrame, now: datetime | None = None) -> pd.DataFrame:
    """Every complete period of every scope with its level (None, yellow, red) and status.

    `series` has one row per scope and period: scope, scope_dim, scope_value, period_start,
    period_end, value, n and, per kind, count (p/u charts, spikes) or reference and
    reference_sd (benchmarks). Periods ending after `now` are not complete and are left out.
    status: ok (inside), latent (inside but close to the limit), yellow, red, or
    insufficient (too little data to judge: neither a breach nor a sign of being back inside).
    """
    if rule.kind not in KINDS:
        raise ValueError(f"unknown rule kind {rule.kind!r}")
    if series is None or series.empty:
        return pd.DataFrame(columns=ASSESSED_COLUMNS)
    frame = series
    if now is not None:
        frame = frame[frame["period_end"] <= pd.Timestamp(now)]
    # every scope's periods in time order, scopes in sorted order: what a groupby over the
    # frame sorted by period would give, taken apart once instead of one frame per scope
    frame = frame.sort_values("period_start", kind="stable")
    codes, _ = pd.factorize(frame["scope"], sort=True)
    frame = frame[codes >= 0]
    codes = codes[codes >= 0]
    if not len(frame):
        return pd.DataFrame(columns=ASSESSED_COLUMNS)
    order = np.argsort(codes, kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(frame)]
    size = len(frame)
    out = pd.DataFrame(
        {
            "scope": frame["scope"],
            "scope_dim": frame["scope_dim"] if "scope_dim" in frame else pd.Series([""] * size),
            "scope_value": frame["scope_value"] if "scope_value" in frame
            else pd.Series([""] * size),
            "period_start": pd.to_datetime(frame["period_start"]),
            "period_end": pd.to_datetime(frame["period_end"]),
            "metric_value": frame["value"].astype(float),
            "n": frame["n"].astype(float) if "n" in frame else np.nan,
        }
    )
    handler = {
        "static": _static,
        "relative_change": _relative_change,
        "benchmark_gap": _benchmark_gap,
        "spc": _spc,
        "sustained": _sustained,
        "spike": _spike,
    }[rule.kind]
    columns = {c: frame[c].to_numpy() for c in frame.columns}
    judged: dict[str, list] = {}
    for start, end in zip(starts, ends):
        cells = _Cells(end - start)
        handler(rule, _Group({c: v[start:end] for c, v in columns.items()}, end - start), cells)
        for i, level in enumerate(cells.columns["level"]):
            if level in LEVELS:
                cells.columns["status"][i] = level
        for col, values in cells.columns.items():
            judged.setdefault(col, []).extend(values)
    for col, values in judged.items():
        out[col] = pd.Series(values, index=out.index,
                             dtype=object if col in _TEXT_COLUMNS else float)
    return out[ASSESSED_COLUMNS]


def _nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class _Group:
    """One scope's periods in time order: its columns as arrays (what the handlers read)."""

    def __init__(self, columns: dict[str, np.ndarray], size: int) -> None:
        self.columns = columns
        self.size = size

    def __contains__(self, col: str) -> bool:
        return col in self.columns

    def __len__(self) -> int:
        return self.size

    def raw(self, col: str) -> np.ndarray:
        return self.columns[col]

    def floats(self, col: str) -> np.ndarray:
        return self.columns[col].astype(float)

    def get(self, col: str, i: int, default=None):
        values = self.columns.get(col)
        return default if values is None else values[i]


_TEXT_COLUMNS = ("level", "status", "detail")


class _Cells:
    """The judged columns of one scope as plain lists: handlers set them cell by cell
    (`cells.at[i, "level"] = …`, as on a frame), which on a DataFrame cost a pandas call each."""

    def __init__(self, size: int) -> None:
        self.columns: dict[str, list] = {
            **{c: [np.nan] * size for c in ("value", "limit", "centre", "lcl", "ucl", "baseline")},
            "level": [None] * size, "status": ["insufficient"] * size, "detail": [""] * size,
        }
        self.at = self

    def __getitem__(self, key: tuple[int, str]):
        i, col = key
        return self.columns[col][i]

    def __setitem__(self, key: tuple[int, str], value) -> None:
        i, col = key
        self.columns[col][i] = value


def _set(out: _Cells, i: int, rule: Rule, value: float, *, level=None, limit=None,
         detail: str = "", watch_limit=None, **extra) -> None:
    out.at[i, "value"] = value
    out.at[i, "level"] = level
    out.at[i, "limit"] = limit if limit is not None else np.nan
    out.at[i, "detail"] = detail
    for key, val in extra.items():
        out.at[i, key] = val
    if level is None:
        first = watch_limit if watch_limit is not None else (
            rule.yellow if rule.yellow is not None else rule.red
        )
        out.at[i, "status"] = "latent" if _watch(rule, value, first) else "ok"


def _enough(rule: Rule, n) -> bool:
    return not _nan(n) and n >= float(rule.param("min_n", 0))


def _static(rule: Rule, g: _Group, out: _Cells) -> None:
    values = g.raw("value").tolist()
    ns = g.raw("n").tolist() if "n" in g else [0] * len(g)
    for i, value in enumerate(values):
        if _nan(value) or not _enough(rule, ns[i]):
            continue
        level, limit = _level(rule, float(value))
        _set(out, i, rule, float(value), level=level, limit=limit)


def _relative_change(rule: Rule, g: _Group, out: _Cells) -> None:
    """Change against the previous period(s): % (default) or absolute (`change: absolute`).

    With `prior_periods` k > 1 the comparison is against the n-weighted mean of the k periods
    before (a pooled rate for proportions), which halves the noise of a one-period baseline.
    """
    absolute = rule.param("change", "relative") == "absolute"
    min_z = rule.param("min_z")
    k = int(rule.param("prior_periods", 1))
    values = g.floats("value")
    ns = g.floats("n") if "n" in g else np.ones(len(g))
    ok = ~np.isnan(values) & np.array([_enough(rule, v) for v in ns])
    for i in range(k, len(g)):
        window = range(i - k, i)
        if not ok[i] or not all(ok[j] for j in window):
            continue
        weights = ns[list(window)]
        prev = float(np.average(values[list(window)], weights=weights)) if weights.sum() > 0 \
            else float(np.mean(values[list(window)]))
        cur = float(values[i])
        if absolute:
            change = cur - prev
        elif prev == 0:
            continue
        else:
            change = (cur - prev) / abs(prev) * 100
        level, limit = _level(replace(rule, direction="above"),
                              change if rule.direction == "above" else -change)
        detail = f"{prev:.4g} → {cur:.4g}"
        if level and min_z is not None:
            z = _two_proportion_z(cur, ns[i], prev, float(weights.sum()))
            side = 1 if rule.direction == "above" else -1
            if z is None or side * z < float(min_z):
                level, limit = None, None
                detail += " (not significant)"
        shown_limit = None if limit is None else (limit if rule.direction == "above" else -limit)
        _set(out, i, rule, change, level=level, limit=shown_limit, detail=detail, baseline=prev)
        if level is None:
            magnitude = change if rule.direction == "above" else -change
            first = rule.yellow if rule.yellow is not None else rule.red
            out.at[i, "status"] = (
                "latent" if first is not None and magnitude > first * 0.9 else "ok"
            )


def _two_proportion_z(cur: float, n1: float, prev: float, n0: float) -> float | None:
    """z of the difference of two proportions given in %, with the pooled standard error."""
    if n1 <= 0 or n0 <= 0:
        return None
    p1, p0 = cur / 100.0, prev / 100.0
    pooled = (p1 * n1 + p0 * n0) / (n1 + n0)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    return (p1 - p0) / se if se > 0 else None


def _benchmark_gap(rule: Rule, g: _Group, out: _Cells) -> None:
    """Gap in % to the reference, signed so that positive is worse than the benchmark."""
    values = g.raw("value").tolist()
    refs = g.raw("reference").tolist() if "reference" in g else [None] * len(g)
    ns = g.raw("n").tolist() if "n" in g else [0] * len(g)
    labels = g.raw("reference_label").tolist() if "reference_label" in g else [None] * len(g)
    for i, value in enumerate(values):
        ref = refs[i]
        if _nan(value) or _nan(ref) or float(ref) == 0 or not _enough(rule, ns[i]):
            continue
        value, ref = float(value), float(ref)
        gap = (value - ref) / abs(ref) * 100 if rule.direction == "above" else (ref - value) / abs(ref) * 100
        level, limit = _level(replace(rule, direction="above"), gap)
        _set(out, i, rule, gap, level=level, limit=limit, baseline=ref,
             detail=f"ours {value:.4g} vs {labels[i] or 'benchmark'} {ref:.4g}")
        if level is None:
            first = rule.yellow if rule.yellow is not None else rule.red
            out.at[i, "status"] = "latent" if first is not None and gap > first * 0.9 else "ok"


def _spc(rule: Rule, g: _Group, out: _Cells) -> None:
    chart = rule.param("chart", "i")
    values = g.floats("value")
    n = g.floats("n") if "n" in g else None
    scale = float(rule.param("scale", 1.0))  # the series is in % or per-1,000: charts need raw rates
    frame = spc.control_chart(
        values / scale,
        n,
        chart=chart,
        baseline_periods=int(rule.param("baseline_periods", 12)),
        min_baseline=rule.param("min_baseline"),
        k_yellow=float(rule.yellow if rule.yellow is not None else math.inf),
        k_red=float(rule.red if rule.red is not None else math.inf),
        direction=rule.direction,
        min_n=float(rule.param("min_n", 0)),
        min_expected=float(rule.param("min_expected", 0)),
        reference=(g.floats("reference") / scale) if "reference" in g else None,
        reference_sd=(g.floats("reference_sd") / scale) if "reference_sd" in g else None,
    )
    for i, row in frame.iterrows():
        if _nan(row["z"]):
            continue
        level = row["level"] if isinstance(row["level"], str) else None
        bad_limit = row["ucl"] if rule.direction == "above" else row["lcl"]
        if level == "yellow":
            bad_limit = row["ucl_yellow"] if rule.direction == "above" else row["lcl_yellow"]
        rules_txt = ",".join(str(r) for r in row["rules"])
        _set(out, i, rule, float(row["value"]) * scale, level=level,
             limit=float(bad_limit) * scale if level else None,
             detail=f"z={row['z']:.2f}" + (f" WE rules {rules_txt}" if rules_txt else ""),
             centre=row["centre"] * scale, lcl=row["lcl"] * scale, ucl=row["ucl"] * scale,
             baseline=row["centre"] * scale)
        if level is None:
            side = 1 if rule.direction == "above" else -1
            out.at[i, "status"] = "latent" if row["rules"] and side * row["z"] > 0 else "ok"


def _sustained(rule: Rule, g: _Group, out: _Cells) -> None:
    """Runs: below (or above) a lagged baseline by pct % (mode below_baseline), or falling
    (rising) every period (mode falling). yellow/red are run lengths in periods."""
    mode = rule.param("mode", "below_baseline")
    values = g.floats("value")
    usable = np.array([_enough(rule, v) for v in g.raw("n")], dtype=bool) if "n" in g \
        else np.ones(len(g), bool)
    usable &= ~np.isnan(values)
    side = 1 if rule.direction == "above" else -1
    run = 0
    limits = (rule.yellow, rule.red)
    run_rule = replace(rule, direction="above", params={"inclusive": True})
    if mode == "falling":
        prev = None
        for i in range(len(g)):
            if not usable[i]:
                continue
            if prev is not None:
                run = run + 1 if side * (values[i] - prev) > 0 else 0
                level, _ = _level(run_rule, run, *limits)
                _set(out, i, rule, values[i], level=level, limit=values[i] if level else None,
                     detail=f"{run} periods in a row {'rising' if side > 0 else 'falling'}",
                     baseline=prev)
                first = rule.yellow if rule.yellow is not None else rule.red
                if level is None:
                    out.at[i, "status"] = "latent" if first and run >= first - 1 and run else "ok"
            prev = values[i]
        return
    pct = float(rule.param("pct", 20)) / 100
    lag = int(rule.param("baseline_lag", 0))
    width = int(rule.param("baseline_periods", 8))
    for i in range(len(g)):
        if not usable[i]:
            continue
        idx = [j for j in range(max(0, i - lag - width), max(0, i - lag)) if usable[j]]
        if len(idx) < max(2, width // 2):
            continue
        base = float(np.mean(values[idx]))
        limit = base * (1 + side * pct)
        beyond = side * (values[i] - limit) > 0
        run = run + 1 if beyond else 0
        level, _ = _level(run_rule, run, *limits)
        _set(out, i, rule, values[i], level=level, limit=limit if level else None, baseline=base,
             detail=f"{run} periods {pct:.0%} {'above' if side > 0 else 'below'} baseline {base:.4g}")
        if level is None:
            out.at[i, "status"] = "latent" if beyond else "ok"


def _spike(rule: Rule, g: _Group, out: _Cells) -> None:
    """Sum over the last `window_periods` periods divided by the sum over the window before."""
    width = int(rule.param("window_periods", 1))
    min_prior = float(rule.param("min_prior", 1))
    counts = g.floats("value")
    spike_rule = replace(rule, params={**rule.params, "inclusive": True})
    for i in range(2 * width - 1, len(g)):
        cur = counts[i - width + 1 : i + 1]
        prior = counts[i - 2 * width + 1 : i - width + 1]
        if np.isnan(cur).any() or np.isnan(prior).any():
            continue
        if prior.sum() < min_prior:
            continue
        ratio = float(cur.sum() / prior.sum())
        level, limit = _level(spike_rule, ratio)
        _set(out, i, rule, ratio, level=level, limit=limit, baseline=float(prior.sum()),
             detail=f"{cur.sum():.0f} vs {prior.sum():.0f} in the window before")
