"""Voice-of-customer reads over a hand-made warehouse: contrast keywords, surges by day, verbatims, sentiment."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from dashboard.components.voice_views import highlight
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.storage.db import connect
from warehouse.text import voc
from warehouse.text.complaints import surges_from_texts

SOUTH_HEAD = Viewer("head", "dept_head", regions=["South"])
START = datetime(2026, 3, 1)


def _complaints() -> list[tuple]:
    """(ticket_id, created_at, channel, region, category, description); the counts are the tests' arithmetic."""
    rows = []
    # 20 days × 10 complaints (1 to 20 March), every one with the template word "yuan":
    # 9 a day "refund of 50 yuan pending", 1 a day "app 闪退 50 yuan".
    for day in range(20):
        for i in range(10):
            text = "app 闪退 50 yuan" if i == 0 else "refund of 50 yuan pending"
            rows.append((f"d{day}-{i}", START + timedelta(days=day, hours=i), "App", "North", "x", text))
    # 21–22 March: 10 a day, 6 of them 闪退 (12 of 20 in the 48 h before 23 March, against
    # 14 of 140 in the 14 days before: share 0.6 vs 0.1, ×6 → red).
    for day in (20, 21):
        for i in range(10):
            text = "app 闪退 50 yuan" if i < 6 else "refund of 50 yuan pending"
            rows.append((f"s{day}-{i}", START + timedelta(days=day, hours=i), "App", "North", "x", text))
    # South: outside the North-only windows' scope for the South head.
    rows.append(("south-1", START + timedelta(days=21), "Store", "South", "x", "Rude <b>staff</b> at the 门店"))
    rows.append(("south-2", START + timedelta(days=21, hours=1), "Store", "South", "x", "要求 要求 要求 refund"))
    return rows


@pytest.fixture(scope="module")
def voc_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("voc") / "voc.duckdb"
    with connect(path, write=True) as con:
        con.executemany(
            "insert into complaints (ticket_id, created_at, channel, region, category, description, batch_id,"
            " first_batch_id) values (?, ?, ?, ?, ?, ?, 1, 1)", _complaints())
        con.executemany(
            "insert into survey_responses (response_id, submitted_at, channel, region, touchpoint, comment,"
            " batch_id, first_batch_id) values (?, ?, ?, ?, ?, ?, 1, 1)",
            [("r1", START + timedelta(days=21), "App", "North", "delivery", "送餐很快，非常满意"),
             ("r2", START + timedelta(days=21), "App", "North", "delivery", "太难吃了，差评"),
             ("r3", START + timedelta(days=21), "Store", "South", "store", "")])
    return path


def test_log_odds_by_hand():
    # target: a 3 of 4 words, rest: a 1 of 4; prior weight 4 spread like both (a: 4/8 → α 2).
    found = voc.log_odds(Counter(a=3, b=1), Counter(a=1, c=3), prior_weight=4)
    delta = math.log((3 + 2) / (4 + 4 - 3 - 2)) - math.log((1 + 2) / (4 + 4 - 1 - 2))
    assert found["a"][0] == pytest.approx(delta)
    assert found["a"][1] == pytest.approx(delta / math.sqrt(1 / 5 + 1 / 3))
    assert found["b"][0] > 0 and "c" not in found  # only the target's words are scored


def test_contrast_keywords_rank_the_window_words_and_drop_the_template(voc_db):
    window = Filters(start=date(2026, 3, 21), end=date(2026, 3, 22))
    frame = voc.contrast_keywords(filters=window, viewer=SYSTEM, db=voc_db)
    words = frame["keyword"].tolist()
    # 闪退 and app: 12 of 22 texts in the window against 20 of 200 before.
    assert words[:2] == ["app", "闪退"] or words[:2] == ["闪退", "app"]
    assert frame.loc[frame["keyword"] == "闪退", "count"].item() == 12
    assert frame.loc[frame["keyword"] == "闪退", "background_share"].item() == pytest.approx(20 / 200)
    # Every complaint says yuan: no contrast. 要求 is generic: never a keyword.
    assert "yuan" not in words and "要求" not in words
    assert frame.attrs["texts"] == 22 and frame.attrs["background_texts"] == 200


def test_the_south_head_sees_only_south_texts(voc_db):
    frame = voc.verbatims(filters=Filters(), viewer=SOUTH_HEAD, db=voc_db)
    assert sorted(frame["id"]) == ["south-1", "south-2"]


def test_surges_fire_on_the_right_midnights(voc_db):
    frame = voc.surge_history(filters=Filters(start=date(2026, 3, 15)), viewer=SYSTEM, db=voc_db)
    row = frame.set_index("key").loc["闪退"]
    # Midnight 22 March: 6 (21 March, of 12 texts with the two South ones) + 1 (20 March) = 7 of
    # 22 against 14 of 140 → ×3.2, but P(X ≥ 7) for X ~ Poisson(2.2) ≈ 0.007, not below 1e-4: no
    # surge yet. 23 March: 12 of 22 against 14 of 140 → ×5.45, red. The data ends there.
    assert (row["first_day"], row["last_day"], row["days"]) == (date(2026, 3, 23), date(2026, 3, 23), 1)
    assert (row["peak_day"], row["current"], row["current_texts"]) == (date(2026, 3, 23), 12, 22)
    assert (row["baseline"], row["baseline_texts"]) == (14, 140)
    assert row["ratio"] == pytest.approx((12 / 22) / (14 / 140)) and row["level"] == "red"
    assert "yuan" not in frame["key"].tolist()


def test_generic_words_never_surge_on_their_own():
    frame = surges_from_texts(["要求 退款 refund"] * 10, ["其他 other"] * 100)
    assert set(frame["keyword"]) == {"退款", "refund"}


def test_category_surges_use_the_tags(voc_db):
    frame = voc.surge_history(filters=Filters(start=date(2026, 3, 15)), viewer=SYSTEM, db=voc_db, by="category")
    assert frame["key"].tolist() == ["app bug"]  # 闪退 is an app-bug term; "refund pending" is steady


def test_verbatims_by_search_keyword_category_and_window(voc_db):
    def ids(**kw):
        return set(voc.verbatims(filters=Filters(), viewer=SYSTEM, db=voc_db, **kw)["id"])

    assert ids(query="ＲＵＤＥ") == {"south-1"}  # full-width and upper case match
    assert ids(query="门店") == {"south-1"}
    assert len(ids(keyword="闪退")) == 20 + 12
    assert len(ids(category="app bug", start=datetime(2026, 3, 21), end=datetime(2026, 3, 22))) == 6
    found = voc.verbatims(filters=Filters(), viewer=SYSTEM, db=voc_db, keyword="闪退", limit=5)
    assert len(found) == 5 and found.attrs["matched"] == 32
    assert found["created_at"].is_monotonic_decreasing


def test_highlighting_escapes_the_text():
    assert highlight("Rude <b>staff</b> at the 门店", ["staff", "门店"]) == (
        "Rude &lt;b&gt;<mark>staff</mark>&lt;/b&gt; at the <mark>门店</mark>")
    assert highlight("<script>x</script>", []) == "&lt;script&gt;x&lt;/script&gt;"
    assert highlight("REFUND pending", ["refund"]) == "<mark>REFUND</mark> pending"


def test_sentiment_by_touchpoint_of_the_survey_comments(voc_db):
    frame = voc.sentiment_weeks(filters=Filters(), viewer=SYSTEM, db=voc_db, source="responses", by="touchpoint")
    # r1 is favourable, r2 unfavourable, r3 has no comment: one week, one touchpoint, 2 texts.
    assert frame[["group", "texts", "negative_share"]].values.tolist() == [["delivery", 2, 0.5]]
    with pytest.raises(ValueError, match="by must be one of"):
        voc.sentiment_weeks(filters=Filters(), viewer=SYSTEM, db=voc_db, by="colour")
