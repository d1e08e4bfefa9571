"""UI strings: both languages everywhere, one glossary for metric names, locale formatting."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
import streamlit as st

from dashboard import i18n
from dashboard.locales.metrics import METRICS

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, texts in i18n.strings().items():
        assert set(texts) >= {"en", "zh-CN"}, key
        assert texts["en"].strip() and texts["zh-CN"].strip(), key
        assert set(PLACEHOLDER.findall(texts["en"])) == set(PLACEHOLDER.findall(texts["zh-CN"])), key


def test_glossary_names_every_metric_the_warehouse_computes():
    from warehouse.kpi.metrics import METRICS as COMPUTED

    assert set(COMPUTED) <= set(METRICS)
    for key, entry in METRICS.items():
        assert entry["en"] and entry["zh-CN"], key


def test_every_string_a_page_or_component_asks_for_exists():
    """Each t("…") literal anywhere in the dashboard (app, every page, every component) is defined."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "dashboard"
    files = [root / "app.py", *sorted((root / "pages").glob("*.py")),
             *sorted((root / "components").glob("*.py"))]
    assert len(files) > 25
    asked: dict[str, str] = {}
    for path in files:
        for key in re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]*[a-z_])["']\s*[,)]""",
                              path.read_text(encoding="utf-8")):
            asked.setdefault(key, path.name)
    assert len(asked) > 200
    missing = sorted(f"{key} ({where})" for key, where in asked.items() if key not in i18n.strings())
    assert not missing


@pytest.fixture
def chinese():
    st.session_state[i18n.LANG_KEY] = "zh-CN"
    yield
    st.session_state[i18n.LANG_KEY] = "en"


def test_t_fills_placeholders_and_shows_unknown_keys_as_themselves():
    st.session_state[i18n.LANG_KEY] = "en"
    assert i18n.t("common.refresh_every", seconds=30) == "refreshes every 30 s"
    assert i18n.t("no.such.key") == "no.such.key"


def test_chinese_text_and_dates(chinese, monkeypatch):
    monkeypatch.setattr(i18n, "setting", lambda key: "Asia/Shanghai")
    assert i18n.t("nav.overview") == "总览"
    assert i18n.metric_label("nps") == "净推荐值 (NPS)"
    assert i18n.fmt_date(date(2026, 6, 30)) == "2026年6月30日"
    # stored times are UTC; 20:30 UTC is 04:30 next day in Shanghai
    assert i18n.fmt_datetime(datetime(2026, 6, 30, 20, 30)) == "2026年7月1日 04:30"
    assert i18n.fmt_duration(3 * 3600 + 20 * 60) == "3小时20分钟"


def test_english_numbers_dates_and_durations(monkeypatch):
    st.session_state[i18n.LANG_KEY] = "en"
    monkeypatch.setattr(i18n, "setting", lambda key: "UTC")
    assert i18n.fmt_number(1234.56) == "1,234.6"
    assert i18n.fmt_number(None) == "—"
    assert i18n.fmt_number(float("nan")) == "—"
    assert i18n.fmt_pct(58.333) == "58.3%"
    assert i18n.fmt_signed(-1.04, 1, "pp") == "-1.0pp"
    assert i18n.fmt_signed(-0.04, 1, "pp") == "±0.0pp"  # no "-0.0" for a change that rounds away
    assert i18n.fmt_signed(0.05, 1) == "+0.1"
    assert i18n.fmt_date(date(2026, 6, 3)) == "3 Jun 2026"
    assert i18n.fmt_datetime(datetime(2026, 6, 30, 20, 30)) == "30 Jun 2026 20:30"
    assert i18n.fmt_duration(26 * 3600 + 5 * 60) == "1 d 2 h"
    assert i18n.fmt_duration(59) == "0 min"
