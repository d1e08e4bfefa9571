"""Pieces of the Customers page: value-tier labels and tiles, the display form of the risk list."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard.i18n import fmt_int, fmt_number, language, t

TIERS = ("high", "mid", "low")


def tier_label(tier: str) -> str:
    return t("customers.tier_all") if tier == "all" else t(f"customers.tier_{tier}")


def tier_tiles(counts: pd.DataFrame, at_risk: pd.DataFrame | None = None) -> None:
    """Customers per tier (high, mid, low; unknown only when present) and how many are at risk."""
    by_tier = {str(r["tier"]).lower(): r for r in counts.to_dict("records")}
    risky = {} if at_risk is None or "tier" not in at_risk else (
        at_risk["tier"].astype(str).str.lower().value_counts().to_dict())
    shown = [*TIERS, *(["unknown"] if "unknown" in by_tier else [])]
    for column, tier in zip(st.columns(len(shown)), shown):
        row = by_tier.get(tier, {})
        with column.container(border=True):
            st.metric(tier_label(tier), fmt_int(row.get("customers", 0)),
                      help=f"LTV {fmt_number(row.get('lifetime_value'), 0)}")
            st.caption(t("customers.at_risk_count", n=fmt_int(risky.get(tier, 0))))


# The warehouse words each reason in English; these patterns give the Chinese wording.
_REASONS_ZH = [
    (re.compile(r"inactive (\d+) days"), r"连续 \1 天未活跃"),
    (re.compile(r"order value (-?[\d.]+) %"), r"平均订单金额变化 \1%"),
    (re.compile(r"survey score (-?[\d.]+) σ from own baseline"), r"评分偏离自身基线 \1σ"),
]


def reason_text(text: str) -> str:
    if language() != "zh-CN" or not isinstance(text, str):
        return text
    for pattern, wording in _REASONS_ZH:
        text = pattern.sub(wording, text)
    return text.replace("; ", "；")


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The risk list as shown and downloaded: reasons as one text cell, in the UI language."""
    if "reasons" in frame and "reason_text" not in frame:
        frame = frame.assign(reason_text=frame["reasons"].map(
            lambda r: "; ".join(map(str, r)) if r is not None else ""))
    frame = frame.drop(columns=[c for c in ("reasons",) if c in frame])
    if "tier" in frame:
        frame = frame.assign(tier=frame["tier"].map(
            lambda v: t(f"customers.tier_word_{v}") if v in (*TIERS, "unknown") else v))
    if "reason_text" in frame:
        frame = frame.assign(reason_text=frame["reason_text"].map(reason_text))
        first = ["customer_id", "tier", "reason_text"]
        frame = frame[[c for c in first if c in frame] + [c for c in frame if c not in first]]
    return frame
