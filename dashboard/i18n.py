"""UI text in English and Chinese (t), metric labels, and locale-aware number/date formatting."""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from dashboard import locales
from warehouse.config.app_settings import LANGUAGES
from warehouse.config.known_values import known_value
from warehouse.storage.db import WarehouseBusy

LANGUAGE_NAMES = {"en": "English", "zh-CN": "中文"}
LANG_KEY = "lang"  # session_state key of the chosen language (the sidebar switch's key)


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """Every page's STRINGS merged; two pages defining one key is a developer error."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(locales.__path__):
        module = importlib.import_module(f"dashboard.locales.{info.name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise KeyError(f"UI string {key!r} defined twice (dashboard/locales/{info.name}.py)")
            merged[key] = texts
    return merged


@st.cache_data(ttl=15, show_spinner=False)
def _setting(key: str, db_path: str):
    """An admin setting, read at most every few seconds (every formatted value asks for the zone)."""
    from warehouse.config import app_settings

    return app_settings.get(key, db=db_path)


def setting(key: str):
    """The effective value of an admin setting (language, timezone, currency, refresh_seconds…)."""
    from warehouse.config.settings import get_settings, resolve_db

    try:
        return _setting(key, str(resolve_db()))
    except (WarehouseBusy, OSError):
        # a busy or unreadable warehouse must not stop the UI from rendering
        return getattr(get_settings(), key, None)


def forget_settings() -> None:
    """Call after an admin saves settings so the new values apply on the next run."""
    _setting.clear()


def default_language() -> str:
    lang = setting("language")
    return lang if lang in LANGUAGES else "en"


def language() -> str:
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGUAGES else "en"


def _text(lang: str, key: str, kw: dict) -> str:
    texts = strings().get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts.get("en") or key
    return text.format(**kw) if kw else text


def t(key: str, **kw) -> str:
    """The text for KEY in the current language, with {placeholders} filled from KW.

    An unknown key shows as the key itself, so a missing string is visible, not a crash.
    """
    return _text(language(), key, kw)


def translator() -> Callable[..., str]:
    """t() bound to the language of this run.

    Use it in widgets' format_func: Streamlit may call those outside the script run, where the
    session (and so the chosen language) is not at hand.
    """
    lang = language()
    return lambda key, **kw: _text(lang, key, kw)


def value_label(field: str, value, lang: str | None = None) -> str:
    """A known data value (severity, status, the demo's categories…) in the reader's language;
    English and unknown values show as loaded."""
    return known_value(field, value, lang or language())


def value_labeller(field: str) -> Callable[[str], str]:
    """value_label bound to FIELD and the language of this run (for format_func)."""
    lang = language()
    return lambda value: value_label(field, value, lang)


def metric_label(metric: str, lang: str | None = None) -> str:
    """The glossary name of a metric (dashboard/locales/metrics.py)."""
    from dashboard.locales.metrics import METRICS

    entry = METRICS.get(metric)
    if entry is None:
        return metric
    return entry.get(lang or language()) or entry["en"]


def metric_labeller() -> Callable[[str], str]:
    """metric_label bound to the language of this run (for format_func, see translator)."""
    lang = language()
    return lambda metric: metric_label(metric, lang)


_SCOPE_WORDS = {"all": "alerts.scope.all", "vs industry": "alerts.scope.vs_industry",
                "vs best competitor": "alerts.scope.vs_best"}


def scope_label(scope, lang: str | None = None) -> str:
    """An alert's scope as stored ('region=East', 'touchpoint=delivery · csat · vs industry',
    'all') in the reader's language: the dimension's name, the known values, the metric."""
    text = "" if scope is None else str(scope)
    lang = lang or language()
    if lang == "en":
        return text
    parts = []
    for part in text.split(" · "):
        dim, eq, value = part.partition("=")
        if eq:
            key = f"filters.{dim}"
            name = _text(lang, key, {}) if key in strings() else dim
            parts.append(f"{name}：{value_label(dim, value, lang)}")
        elif part in _SCOPE_WORDS:
            parts.append(_text(lang, _SCOPE_WORDS[part], {}))
        else:
            named = metric_label(part, lang)
            parts.append(part.upper() if named == part else named)
    return " · ".join(parts)


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return False


def fmt_number(value, digits: int = 1) -> str:
    """1,234.5 in both locales (Chinese business text groups by thousands too); None → —."""
    if _is_missing(value):
        return "—"
    return f"{value:,.{digits}f}"


def fmt_int(value) -> str:
    return "—" if _is_missing(value) else f"{round(value):,}"


def fmt_pct(value, digits: int = 1) -> str:
    return "—" if _is_missing(value) else f"{value:,.{digits}f}%"


def fmt_signed(value, digits: int = 1, suffix: str = "") -> str:
    """+1.2 / -0.4; a change that rounds to nothing is "±0.0", never "-0.0"."""
    if _is_missing(value):
        return "—"
    if round(value, digits) == 0:
        return f"±{0:.{digits}f}{suffix}"
    return f"{value:+,.{digits}f}{suffix}"


def display_zone() -> ZoneInfo:
    """Times are stored in UTC and shown in the configured time zone."""
    try:
        return ZoneInfo(setting("timezone"))
    except (ZoneInfoNotFoundError, TypeError, ValueError):
        # an unknown zone name falls back to UTC rather than breaking a page
        return ZoneInfo("UTC")


def _local(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(display_zone())


def _date_text(day: date) -> str:
    if language() == "zh-CN":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%b %Y}"


def _is_time(value) -> bool:
    # NaT is a datetime too
    return isinstance(value, (datetime, date)) and not pd.isna(value)


def fmt_date(value) -> str:
    if not _is_time(value):
        return "—"
    if isinstance(value, datetime):
        value = _local(value).date()
    return _date_text(value)


def fmt_datetime(value) -> str:
    """A UTC timestamp in the display time zone, e.g. 30 Jun 2026 14:05 / 2026年6月30日 14:05."""
    if not _is_time(value):
        return "—"
    if not isinstance(value, datetime):
        return _date_text(value)
    local = _local(value)
    return f"{_date_text(local.date())} {local:%H:%M}"


def fmt_duration(seconds) -> str:
    """Time left or elapsed: 1 d 3 h / 1天3小时; negative values read as overdue by the caller."""
    if _is_missing(seconds):
        return "—"
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    zh = language() == "zh-CN"
    units = ("天", "小时", "分钟") if zh else (" d", " h", " min")
    parts = [(days, units[0]), (hours, units[1]), (minutes, units[2])]
    shown = [f"{n}{u}" for n, u in parts if n][:2] or [f"0{units[2]}"]
    return ("" if zh else " ").join(shown)
