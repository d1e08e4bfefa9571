"""Keywords, category tags and keyword surges over a hand-made complaint series in the warehouse."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta

import pytest

from warehouse.__main__ import main
from warehouse.access.auth import add_user
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.storage.db import connect
from warehouse.text import (
    category_surges,
    category_tags,
    complaint_keywords,
    keyword_surges,
    surge_level,
)
from warehouse.text.complaints import poisson_tail, surges_from_texts

APP_HEAD = Viewer("head", "dept_head", channels=["App"])
# The windows of the series (48 h each): baseline 1–2 June, current 3–4 June 2026.
BASELINE_START = datetime(2026, 6, 1)
CURRENT_START = datetime(2026, 6, 3)
AS_OF = datetime(2026, 6, 5)


def _series() -> list[tuple]:
    """(ticket_id, created_at, channel, region, description) rows; counts are the test's arithmetic."""
    rows = []

    def add(prefix, start, step_hours, texts, channel="app"):
        for i, text in enumerate(texts):
            rows.append((f"{prefix}{i}", start + timedelta(hours=step_hours * i), channel, "north", text))

    # Baseline, app, 20 texts: refund 2, pending 2, 闪退 1, parcel 17, damaged 17.
    add("b", BASELINE_START, 2, ["refund pending"] * 2 + ["闪退"] + ["parcel damaged"] * 17)
    # Current, app, 20 texts: refund 8, pending 8, 闪退 6, rude 4, agent 4, parcel 2, damaged 2.
    add("c", CURRENT_START, 2, ["refund pending"] * 8 + ["闪退"] * 6 + ["rude agent"] * 4 + ["parcel damaged"] * 2)
    # Current, store channel (outside the app head's scope): rude 10, agent 10.
    add("s", CURRENT_START + timedelta(hours=1), 1, ["rude agent"] * 10, channel="store")
    # Long before both windows (the 14-day baseline starts 20 May): must never count.
    add("o", datetime(2026, 5, 1), 1, ["rude agent"] * 10)
    # Empty descriptions are not texts.
    add("e", CURRENT_START, 1, ["", "   ", None])
    return rows


@pytest.fixture(scope="module")
def series_db(tmp_path_factory):
    """Built once for the module: the tests only read it (the CLI test adds a user nobody else uses)."""
    path = tmp_path_factory.mktemp("text") / "series.duckdb"
    with connect(path, write=True) as con:
        con.executemany(
            "insert into complaints (ticket_id, created_at, channel, region, description, batch_id, first_batch_id)"
            " values (?, ?, ?, ?, ?, 1, 1)",
            _series(),
        )
    return path


CURRENT = Filters(start=date(2026, 6, 3), end=date(2026, 6, 4))


def test_keywords_of_the_current_window_for_the_app_head(series_db):
    frame = complaint_keywords(filters=CURRENT, viewer=APP_HEAD, db=series_db)
    assert list(frame.columns) == ["keyword", "count", "share"]
    assert list(zip(frame["keyword"], frame["count"])) == [
        ("pending", 8), ("refund", 8), ("闪退", 6), ("agent", 4), ("rude", 4), ("damaged", 2), ("parcel", 2),
    ]
    assert frame["share"].tolist() == pytest.approx([0.4, 0.4, 0.3, 0.2, 0.2, 0.1, 0.1])
    assert frame.attrs["texts"] == 20


def test_keywords_respect_top(series_db):
    frame = complaint_keywords(filters=CURRENT, viewer=SYSTEM, db=series_db, top=2)
    # Everyone sees 30 texts: agent/rude 14 each are the most frequent, and TF-IDF ranks equal
    # words equally, so the two chosen are the two with 14 mentions.
    assert sorted(frame["keyword"]) == ["agent", "rude"]
    assert frame["count"].tolist() == [14, 14]


def test_a_head_with_no_matching_scope_sees_nothing(series_db):
    frame = complaint_keywords(filters=Filters(), viewer=Viewer("h", "dept_head", regions=["south"]), db=series_db)
    assert frame.empty
    assert category_tags(filters=Filters(), viewer=Viewer("h", "dept_head"), db=series_db).empty
    assert keyword_surges(filters=Filters(), viewer=Viewer("h", "dept_head"), db=series_db).empty


def test_category_tags_count_complaints_per_category(series_db):
    frame = category_tags(filters=CURRENT, viewer=APP_HEAD, db=series_db)
    assert list(zip(frame["category"], frame["count"])) == [
        ("slow refund", 8), ("app bug", 6), ("rude staff", 4), ("product quality", 2),
    ]
    assert frame.loc[0, "label_zh"] == "退款慢"
    assert frame.attrs["untagged"] == 0
    # The channel filter gives an analyst the same rows the scope gives the head.
    analyst = category_tags(filters=CURRENT.with_(channel=["APP"]), viewer=Viewer("a", "analyst"), db=series_db)
    assert analyst[["category", "count"]].equals(frame[["category", "count"]])


def test_surge_ratios_against_the_baseline_for_the_app_head(series_db):
    # alpha=1 switches the chance test off, so this checks the ratio arithmetic alone.
    frame = keyword_surges(filters=Filters(end=date(2026, 6, 4)), viewer=APP_HEAD, db=series_db, alpha=1.0)
    assert list(frame.columns) == ["keyword", "current", "baseline", "ratio", "level", "expected", "p_value"]
    # 闪退: (6/20) / (1/20) = 6 → red; refund, pending: (8/20) / (2/20) = 4 → yellow;
    # rude, agent: 4 current < 5 → too few; parcel, damaged: shares fell.
    got = frame[["keyword", "current", "baseline", "ratio", "level", "expected"]].to_dict("records")
    assert got == [
        {"keyword": "闪退", "current": 6, "baseline": 1, "ratio": pytest.approx(6.0), "level": "red",
         "expected": pytest.approx(1.0)},
        {"keyword": "pending", "current": 8, "baseline": 2, "ratio": pytest.approx(4.0), "level": "yellow",
         "expected": pytest.approx(2.0)},
        {"keyword": "refund", "current": 8, "baseline": 2, "ratio": pytest.approx(4.0), "level": "yellow",
         "expected": pytest.approx(2.0)},
    ]
    assert frame.attrs["as_of"] == AS_OF
    assert frame.attrs["baseline_hours"] == 7 * 48
    assert (frame.attrs["current_texts"], frame.attrs["baseline_texts"]) == (20, 20)


def test_surges_must_also_be_unlikely_by_chance(series_db):
    filters = Filters(end=date(2026, 6, 4))
    # Hand: P(X ≥ 6 | Poisson 1) = 1 − e⁻¹(1 + 1 + 1/2 + 1/6 + 1/24 + 1/120) = 0.000594;
    # P(X ≥ 8 | Poisson 2) = 0.00110. At the default alpha 1e-4 neither is a surge.
    assert keyword_surges(filters=filters, viewer=APP_HEAD, db=series_db).empty
    frame = keyword_surges(filters=filters, viewer=APP_HEAD, db=series_db, alpha=1e-3)
    assert frame["keyword"].tolist() == ["闪退"]
    assert frame.loc[0, "p_value"] == pytest.approx(0.000594, abs=1e-6)


def test_surges_for_everyone_include_the_store_channel(series_db):
    frame = keyword_surges(filters=Filters(), viewer=SYSTEM, db=series_db, as_of=AS_OF)
    # Current has 30 texts. agent, rude: 14 current, absent before (counted as 1):
    # (14/30) / (1/20) = 9.33 → red, expected 1.5, P(X ≥ 14) ≈ 8e-10. 闪退: (6/30) / (1/20) = 4
    # but P(X ≥ 6 | 1.5) = 0.0045 is not rare enough; refund: (8/30) / (2/20) = 2.67.
    got = frame[["keyword", "current", "baseline", "ratio", "level"]].to_dict("records")
    assert got == [
        {"keyword": "agent", "current": 14, "baseline": 0, "ratio": pytest.approx(28 / 3), "level": "red"},
        {"keyword": "rude", "current": 14, "baseline": 0, "ratio": pytest.approx(28 / 3), "level": "red"},
    ]
    assert (frame["p_value"] < 1e-7).all()


def test_category_surges_use_the_same_rule_on_tags(series_db):
    # Tags per window (app head): current slow refund 8, app bug 6, rude staff 4, product
    # quality 2 of 20; baseline slow refund 2, app bug 1, product quality 17 of 20.
    frame = category_surges(filters=Filters(), viewer=APP_HEAD, db=series_db, as_of=AS_OF, alpha=1)
    assert list(frame.columns) == [
        "category", "label_zh", "current", "baseline", "ratio", "level", "expected", "p_value",
    ]
    got = frame[["category", "label_zh", "current", "baseline", "ratio", "level"]].to_dict("records")
    assert got == [
        {"category": "app bug", "label_zh": "应用故障", "current": 6, "baseline": 1,
         "ratio": pytest.approx(6.0), "level": "red"},
        {"category": "slow refund", "label_zh": "退款慢", "current": 8, "baseline": 2,
         "ratio": pytest.approx(4.0), "level": "yellow"},
    ]
    # Everyone, default chance test: rude staff 14 of 30 against none of 20 is the one surge.
    everyone = category_surges(filters=Filters(), viewer=SYSTEM, db=series_db, as_of=AS_OF)
    assert everyone["category"].tolist() == ["rude staff"]


def test_surge_thresholds_and_windows_are_parameters(series_db):
    frame = keyword_surges(filters=Filters(), viewer=APP_HEAD, db=series_db, as_of=AS_OF, alpha=1, factor=4.5)
    assert frame["keyword"].tolist() == ["闪退"]
    frame = keyword_surges(filters=Filters(), viewer=APP_HEAD, db=series_db, as_of=AS_OF, alpha=1, min_count=9)
    assert frame.empty
    one = keyword_surges(filters=Filters(), viewer=APP_HEAD, db=series_db, as_of=AS_OF, alpha=1, baseline_windows=1)
    assert one.attrs["baseline_hours"] == 48
    assert one["keyword"].tolist() == ["闪退", "pending", "refund"]
    with pytest.raises(ValueError):
        keyword_surges(filters=Filters(), viewer=APP_HEAD, db=series_db, window_hours=0)
    with pytest.raises(ValueError):
        keyword_surges(filters=Filters(), viewer=APP_HEAD, db=series_db, baseline_windows=0)


def test_surge_window_ends_after_the_latest_complaint_by_default(series_db):
    frame = keyword_surges(filters=Filters(), viewer=APP_HEAD, db=series_db)
    # The app head's latest complaint is c19 at 3 June 00:00 + 38 h = 4 June 14:00.
    assert frame.attrs["as_of"] == datetime(2026, 6, 4, 15, 0)


def test_no_complaints_no_surges(tmp_db):
    frame = keyword_surges(filters=Filters(), viewer=SYSTEM, db=tmp_db)
    assert frame.empty
    assert list(frame.columns) == ["keyword", "current", "baseline", "ratio", "level", "expected", "p_value"]


@pytest.mark.parametrize(("ratio", "level"), [(2.99, None), (3.0, "yellow"), (4.99, "yellow"), (5.0, "red")])
def test_surge_levels_follow_the_spec_defaults(ratio, level):
    assert surge_level(ratio) == level


def test_poisson_tail_by_hand():
    assert poisson_tail(0, 3.0) == 1.0
    assert poisson_tail(1, 2.0) == pytest.approx(1 - math.exp(-2))
    assert poisson_tail(6, 1.0) == pytest.approx(1 - math.exp(-1) * (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24 + 1 / 120))
    # A large mean must not underflow: the median of Poisson(1000) is about 1000.
    assert poisson_tail(1000, 1000.0) == pytest.approx(0.5, abs=0.02)
    assert poisson_tail(5, 0.0) == 0.0


def test_surge_rule_on_texts_is_a_pure_function():
    baseline = ["slow refund"] * 2 + ["other words"] * 98
    current = ["slow refund"] * 20 + ["other words"] * 80
    frame = surges_from_texts(current, baseline)
    # slow, refund: (20/100) / (2/100) = 10 → red; expected 2, P(X ≥ 20 | 2) is tiny.
    assert frame[["keyword", "current", "baseline", "level"]].values.tolist() == [
        ["refund", 20, 2, "red"], ["slow", 20, 2, "red"],
    ]
    assert surges_from_texts(current, []).empty


def test_cli_prints_surges_as_json(series_db, capsys):
    assert main(["text", "surges", "--db", str(series_db), "--end", "2026-06-04", "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [(r["keyword"], r["level"]) for r in out["surges"]] == [("agent", "red"), ("rude", "red")]
    assert out["as_of"] == "2026-06-05T00:00:00"


def test_cli_answers_as_a_scoped_user(series_db, capsys):
    add_user("wang", "dept_head", password="a-long-enough-password-1", channels=["store"], db=series_db, by="admin")
    args = ["text", "keywords", "--db", str(series_db), "--start", "2026-06-03", "--end", "2026-06-04"]
    assert main([*args, "--user", "wang", "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [(r["keyword"], r["count"]) for r in out["keywords"]] == [("agent", 10), ("rude", 10)]
    assert main([*args, "--user", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().out
