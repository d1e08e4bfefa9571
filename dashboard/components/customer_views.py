"""Pieces of the Customers page: value-tier labels and tiles, the display form of the risk list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import fmt_int, fmt_number, t

TIERS = ("high", "mid", "low")


def tier_label(tier: str) -> str:
    return t("customers.tier_all") if tier == "all" else t(f"customers.tier_{tier}")


def tier_tiles(counts: pd.DataFrame) -> None:
    """Customers and their lifetime value per tier (high, mid, low; unknown only when present)."""
    by_tier = {str(r["tier"]).lower(): r for r in counts.to_dict("records")}
    shown = [*TIERS, *(["unknown"] if "unknown" in by_tier else [])]
    for column, tier in zip(st.columns(len(shown)), shown):
        row = by_tier.get(tier, {})
        column.metric(tier_label(tier), fmt_int(row.get("customers", 0)),
                      help=f"LTV {fmt_number(row.get('lifetime_value'), 0)}",
                      border=True)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The risk list as shown and downloaded: reasons as one text cell."""
    if "reasons" in frame and "reason_text" in frame:
        return frame.drop(columns=["reasons"])
    if "reasons" in frame:
        return frame.assign(reasons=frame["reasons"].map(
            lambda r: "; ".join(map(str, r)) if r is not None else ""))
    return frame
