"""KPI tiles: value, delta against the previous period and the threshold state of each metric."""

from __future__ import annotations

import streamlit as st

from dashboard.components import charts
from dashboard.i18n import fmt_number, fmt_signed, metric_label, t
from dashboard.locales.metrics import METRICS
from warehouse.kpi import metrics

OVERVIEW_METRICS = ("nps", "csat_pct", "ces", "complaint_rate_per_1000", "frt_median_minutes",
                    "sla_first_response_pct", "csi")
DIGITS = {"ces": 2, "csat_mean": 2, "complaints": 0, "responses": 0}  # counts are whole numbers


def level(metric: str, entry: dict) -> str | None:
    """red / yellow / green against the metric's shipped limit; None when it has no limit."""
    if "level" in entry:
        return entry["level"]
    if metric not in metrics.STATIC_LIMITS or entry.get("value") is None:
        return None
    return metrics.breach_level(metric, entry["value"]) or "green"


def limits(metric: str) -> dict | None:
    """{"yellow": …, "red": …} of the metric's shipped static limit, for trend lines."""
    found = metrics.STATIC_LIMITS.get(metric)
    return {"yellow": found["yellow"], "red": found["red"]} if found else None


def value_text(metric: str, value) -> str:
    unit = METRICS.get(metric, {}).get("unit", "")
    text = fmt_number(value, DIGITS.get(metric, 1))
    if text == "—" or not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {t('unit.' + unit)}"


def label(metric: str, entry: dict) -> str:
    """The tile's name; the complaint rate names its basis (orders or active customers), and
    the index says when a filter puts its complaint rate on another basis than the unfiltered
    index's."""
    name = metric_label(metric)
    basis = entry.get("basis")
    if metric == "complaint_rate_per_1000" and basis:
        return f"{name} · {t('overview.basis_short_' + basis)}"
    if metric == "csi" and entry.get("basis_differs"):
        return f"{name} · {t('overview.csi_basis_differs_short')}"
    return name


def help_text(metric: str, entry: dict) -> str:
    """n, the previous period's value and, without a delta, why there is none."""
    text = t("overview.tile_help", n=fmt_number(entry.get("n"), 0),
             previous=value_text(metric, entry.get("previous")))
    if entry.get("value") is not None and entry.get("delta") is None:
        text += " · " + t("overview.no_delta")
    if metric == "complaint_rate_per_1000" and entry.get("basis"):
        text += " · " + t("overview.basis_" + entry["basis"])
    if metric == "csi" and entry.get("basis_differs"):
        text += " · " + t("overview.csi_basis_differs")
    return text


def tiles(summary: dict[str, dict], metrics=OVERVIEW_METRICS, per_row: int = 4) -> None:
    """One tile per metric; the delta is green when it moved the good way. Without a delta
    (no comparable previous period) the tile shows none, never a change against nothing."""
    rows = [metrics[i:i + per_row] for i in range(0, len(metrics), per_row)]
    for row in rows:
        for column, metric in zip(st.columns(per_row), row):
            entry = summary.get(metric) or {}
            delta = entry.get("delta")
            unit = t("common.pp") if METRICS.get(metric, {}).get("unit") == "%" else ""
            better = METRICS.get(metric, {}).get("better", "higher")
            digits = DIGITS.get(metric, 1)
            flat = delta is not None and round(delta, digits) == 0  # no change: no colour
            with column:
                charts.kpi_tile(
                    label(metric, entry), value_text(metric, entry.get("value")),
                    None if delta is None else fmt_signed(delta, digits, unit),
                    "off" if flat else "normal" if better == "higher" else "inverse",
                    level(metric, entry),
                    help_text(metric, entry),
                )
