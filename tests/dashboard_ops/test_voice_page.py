"""The Voice-of-customer page on the demo year: the app-crash surge and the East delivery words are
there in their weeks, and a drill lists the complaints behind them, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.demo.incidents import incidents
from warehouse.access.scope import SYSTEM, Filters
from warehouse.storage.db import connect
from warehouse.text import voc


def _end(db) -> date:
    with connect(db) as con:
        return con.execute("select max(created_at) from complaints").fetchone()[0].date()


def _incident(db, key: str):
    return next(i for i in incidents(_end(db)) if i.key == key)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_page_opens_with_every_area(demo_db, open_app, lang):
    at = open_app(demo_db, "voice")
    at.session_state["lang"] = lang
    at.switch_page("pages/voice.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == ("客户之声" if lang == "zh-CN" else "Voice of customer")
    # keywords, categories, two surge tables; the trend charts and the sentiment charts
    assert len(at.dataframe) >= 4
    assert len(at.get("plotly_chart")) >= 4


def test_the_app_crash_surge_is_found_in_its_weeks(demo_db):
    bug = _incident(demo_db, "app_release_bug")
    period = Filters(start=bug.start.replace(day=1), end=bug.end)
    frame = voc.surge_history(filters=period, viewer=SYSTEM, db=demo_db, by="category")
    row = frame.set_index("key").loc["app bug"]
    # The rule needs 48 h of the release bug before it fires, and fires while it lasts.
    assert bug.start <= row["first_day"] <= bug.start + (bug.end - bug.start) / 2
    assert row["last_day"] <= bug.end + (bug.end - bug.start)


def test_the_east_breakdown_shows_its_delivery_words(demo_db):
    breakdown = _incident(demo_db, "delivery_breakdown")
    east = Filters(start=breakdown.start, end=breakdown.end, region=("East",))
    words = voc.contrast_keywords(filters=east, viewer=SYSTEM, db=demo_db, top=10)["keyword"].tolist()
    assert {"物流", "延迟", "delivery", "late"} & set(words[:10]), words
    weeks = voc.keyword_weeks(keywords=("delivery",), filters=Filters(region=("East",)), viewer=SYSTEM, db=demo_db)
    peak = weeks.sort_values("share").iloc[-1]["week"].date()
    assert breakdown.start - (breakdown.end - breakdown.start) <= peak <= breakdown.end


def test_a_drill_lists_the_complaints_with_their_words_marked(demo_db, open_app):
    at = open_app(demo_db, "voice")
    at.session_state["voc_drill"] = ("category", "app bug", None, None, "")
    at.switch_page("pages/voice.py").run()
    assert not at.exception, [e.value for e in at.exception]
    marked = [m.value for m in at.markdown if "<mark>" in m.value]
    assert marked and ("闪退" in marked[0] or "crash" in marked[0].lower())
    assert at.dataframe[-1].value["text"].str.len().min() > 0
