"""The five pages on the demo year, in both languages: no exception, no error box, data shown."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
# AppTest formats a selectbox's value outside the script (so in English) on the next run, which a
# page with a language-dependent format_func does not survive in zh-CN: Benchmarks comes last, and
# Settings (notification levels) opens in an AppTest of its own.
PAGES = ("complaints", "customers", "data", "settings", "benchmarks")


def _fresh_run(first: AppTest, page: str, lang: str) -> AppTest:
    """PAGE in a new AppTest signed in as FIRST's viewer."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["auth.viewer"] = first.session_state["auth.viewer"]
    at.session_state["auth.last_seen"] = time.time()
    at.session_state["auth.checked_at"] = time.time()
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"pages/{page}.py")
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_pages_open_cleanly_on_the_demo_year(demo_db, open_app, lang):
    at = open_app(demo_db, "complaints")
    at.session_state["lang"] = lang
    seen = {}
    first = at
    for page in PAGES:
        if page == "settings":
            at = _fresh_run(first, page, lang)
        else:
            at = first
            at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        seen[page] = (at.title[0].value, len(at.dataframe), len(at.get("plotly_chart")))
    titles = {page: title for page, (title, _, _) in seen.items()}
    if lang == "zh-CN":
        assert titles["complaints"] == "投诉分析" and titles["settings"] == "设置"
    else:
        assert titles["complaints"] == "Complaints" and titles["data"] == "Data"
    assert seen["complaints"][2] == 2 and seen["complaints"][1] >= 2
    assert seen["customers"][1] == 1
    # the demo's competitor pulls ahead on delivery: flagged gaps, the band, the radar, a forecast
    assert seen["benchmarks"][2] == 3
    assert seen["data"][1] == 1  # the batches the demo loaded


def test_the_demo_competitor_gap_is_highlighted(demo_db, open_app):
    at = open_app(demo_db, "benchmarks")
    gaps = next(d.value for d in at.dataframe if "gap_pct" in d.value.columns)
    weak = gaps[gaps["weakness"]]
    assert len(weak) >= 1
    assert (weak["gap_pct"] < -15).all()
    # the caption counts the flagged rows of the table shown, then says how the sign reads
    caption = next(c.value for c in at.caption if "(highlighted)." in c.value)
    assert caption.startswith(f"{len(weak)} gaps over 15 % (highlighted).")
