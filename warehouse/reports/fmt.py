"""How the report writes numbers, changes, durations, dates and times in English and Chinese."""

from __future__ import annotations

import math
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

MINUS = "−"
DASH = "—"
# Decimals each KPI is written with (counts are whole numbers).
DECIMALS = {"responses": 0, "complaints": 0, "ces": 2, "csat_mean": 2,
            "complaint_rate_per_1000": 2, "repeat_rate_pct": 2}
PERCENT = ("csat_pct", "negative_rate_pct", "sla_first_response_pct", "sla_resolution_pct",
           "fcr_pct", "repeat_rate_pct", "escalation_rate_pct")
UNITS = {"frt_median_minutes": {"en": " min", "zh": " 分钟"},
         "frt_p90_minutes": {"en": " min", "zh": " 分钟"},
         "resolution_median_hours": {"en": " h", "zh": " 小时"},
         "resolution_p90_hours": {"en": " h", "zh": " 小时"},
         "complaint_rate_per_1000": {"en": " ‰", "zh": " ‰"}}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) or (isinstance(value, float) and math.isinf(value))
    except (TypeError, ValueError):
        return False


def number(value, decimals: int = 1) -> str:
    """1,234.5 with a real minus sign; "—" when missing."""
    if missing(value):
        return DASH
    text = f"{abs(float(value)):,.{decimals}f}"
    return (MINUS + text) if float(value) < 0 and float(text.replace(",", "")) != 0 else text


def signed(value, decimals: int = 1) -> str:
    """+1.2 / −1.2 / 0.0; "—" when missing."""
    if missing(value):
        return DASH
    text = number(value, decimals)
    return text if text.startswith(MINUS) or float(value) == 0 else "+" + text


def kpi(key: str, value, lang: str) -> str:
    """A KPI value with its unit (%, min, h, ‰)."""
    if missing(value):
        return DASH
    text = number(value, DECIMALS.get(key, 1))
    if key in PERCENT:
        return text + " %" if lang == "en" else text + "%"
    return text + UNITS.get(key, {}).get(lang, "")


def kpi_delta(key: str, value, lang: str) -> str:
    if missing(value):
        return DASH
    text = signed(value, DECIMALS.get(key, 1))
    return text + (" pts" if key in PERCENT and lang == "en" else " 个百分点"
                   if key in PERCENT else "")


def share(value, decimals: int = 0) -> str:
    """A 0–1 share as a percentage (19 %)."""
    return DASH if missing(value) else number(100.0 * float(value), decimals) + " %"


def duration(hours, lang: str) -> str:
    """2.5 h, 3.2 d (days from 48 hours on); "—" when missing."""
    if missing(hours):
        return DASH
    hours = float(hours)
    if hours >= 48:
        return number(hours / 24, 1) + (" d" if lang == "en" else " 天")
    return number(hours, 1) + (" h" if lang == "en" else " 小时")


def day(value, lang: str) -> str:
    """1 Apr 2026 / 2026年4月1日."""
    if missing(value):
        return DASH
    d = pd.Timestamp(value).date() if not isinstance(value, date) or isinstance(
        value, datetime) else value
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def short_day(value, lang: str) -> str:
    """1 Apr / 4月1日 (the year is the report's)."""
    if missing(value):
        return DASH
    d = pd.Timestamp(value)
    return f"{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {MONTHS_EN[d.month - 1]}"


def moment(value, zone: str, lang: str) -> str:
    """A stored UTC time in the display zone: 2026-04-01 09:30 (compact in both languages)."""
    if missing(value):
        return DASH
    local = pd.Timestamp(value).tz_localize("UTC").tz_convert(ZoneInfo(zone))
    return f"{local:%Y-%m-%d %H:%M}"
