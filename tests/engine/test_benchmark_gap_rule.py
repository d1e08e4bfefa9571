"""The Benchmarks page's gap is the number the competitor-gap rule judges, for the same month."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.access.scope import SYSTEM, Filters
from warehouse.alerting.engine import Rule
from warehouse.alerting.rule_series import load_series
from warehouse.kpi import benchmarks


def _june(rows_db, own_csat: bool):
    # June 2025, touchpoint app: NPS 10 10 9 6 (3 promoters, 1 detractor -> +50); wide ratings
    # of app 5 5 4 3 2 of 5 (top-2-box 3 of 5 = 60 %).
    answers = [{"response_id": f"r{i}", "submitted_at": f"2025-06-0{i + 1} 09:00",
                "touchpoint": "app", "nps": score,
                **({"csat": 5.0, "csat_scale": 5, "csat_10": 10.0} if own_csat else {})}
               for i, score in enumerate([10, 10, 9, 6])]
    # an answer elsewhere on 30 June: the month is complete for the rule
    answers.append({"response_id": "r9", "submitted_at": "2025-06-30 18:00",
                    "touchpoint": "store", "nps": 8})
    ratings = [{"response_id": f"r{i % 4}", "touchpoint": "app", "rating": r, "scale": 5,
                "rating_10": 2.0 * r} for i, r in enumerate([5, 5, 4, 3, 2])]
    bench = [{"period": "2025-06-01", "competitor": who, "metric": metric, "value": value,
              "touchpoint": "app", "source": "test"}
             for who, metric, value in [("RivalA", "nps", 62.5), ("RivalB", "nps", 40.0),
                                        ("RivalA", "csat", 75.0), ("RivalB", "csat", 70.0)]]
    return rows_db(survey_responses=answers, survey_ratings=ratings, benchmarks=bench)


def _rule_gaps(db) -> dict[str, float]:
    """metric -> the rule's value and reference for June (ours, the best competitor's)."""
    rule = Rule(rule_id="gap", kind="benchmark_gap", metric="competitor_gap", direction="below",
                yellow=15, red=30, grain="month", scope_dims=("touchpoint",),
                params={"metrics": ["nps", "csat"]})
    con = duckdb.connect(str(db), read_only=True)
    try:
        series = load_series(con, rule)
    finally:
        con.close()
    # the engine's gap: (reference - ours) / |reference| × 100, positive = behind
    return {m: 100 * (r - v) / abs(r)
            for m, v, r in zip(series["metric"], series["value"], series["reference"])}


def test_page_gap_is_the_rules_gap(rows_db):
    db = _june(rows_db, own_csat=False)
    rule = _rule_gaps(db)
    # by hand: NPS +50 vs RivalA 62.5 -> 20 % behind; CSAT 60 % vs RivalA 75 -> 20 % behind
    assert rule["nps"] == pytest.approx(20.0)
    assert rule["csat"] == pytest.approx(20.0)
    page = benchmarks.gaps(filters=Filters(), viewer=SYSTEM, db=db)
    best = page[page["competitor"] == "RivalA"].set_index("metric")["gap_pct"]
    assert best["nps"] == pytest.approx(-rule["nps"])
    assert best["csat"] == pytest.approx(-rule["csat"])


def test_a_survey_with_one_rating_per_answer_has_the_same_gap_on_page_and_rule(rows_db):
    # June 2025, app: four answers with their own CSAT 5 5 4 2 of 5 and no wide ratings
    # (top-2-box 3 of 4 = 75 %); NPS 10 10 9 6 -> +50. RivalA: NPS 62.5, CSAT 93.75 %.
    answers = [{"response_id": f"r{i}", "submitted_at": f"2025-06-0{i + 1} 09:00",
                "touchpoint": "app", "nps": score, "csat": csat, "csat_scale": 5,
                "csat_10": 2.0 * csat}
               for i, (score, csat) in enumerate([(10, 5), (10, 5), (9, 4), (6, 2)])]
    answers.append({"response_id": "r9", "submitted_at": "2025-06-30 18:00",
                    "touchpoint": "store", "nps": 8})
    bench = [{"period": "2025-06-01", "competitor": "RivalA", "metric": metric, "value": value,
              "touchpoint": "app", "source": "test"}
             for metric, value in [("nps", 62.5), ("csat", 93.75)]]
    db = rows_db(survey_responses=answers, benchmarks=bench)
    rule = _rule_gaps(db)
    # by hand: CSAT (93.75 - 75) / 93.75 = 20 % behind; NPS 20 % behind
    assert rule["csat"] == pytest.approx(20.0)
    assert rule["nps"] == pytest.approx(20.0)
    page = benchmarks.gaps(filters=Filters(), viewer=SYSTEM, db=db).set_index("metric")["gap_pct"]
    assert page["csat"] == pytest.approx(-20.0)
    assert page["nps"] == pytest.approx(-20.0)


def test_a_benchmark_csat_given_as_a_mean_of_five_is_compared_with_our_mean(rows_db):
    # ours: 5 5 4 2 of 5 -> mean 4.0 of 5; RivalA's CSAT 4.5 of 5 -> (4.5 - 4.0) / 4.5 behind
    answers = [{"response_id": f"r{i}", "submitted_at": f"2025-06-0{i + 1} 09:00",
                "touchpoint": "app", "nps": 9, "csat": csat, "csat_scale": 5,
                "csat_10": 2.0 * csat}
               for i, csat in enumerate([5, 5, 4, 2])]
    answers.append({"response_id": "r9", "submitted_at": "2025-06-30 18:00",
                    "touchpoint": "store", "nps": 8})
    bench = [{"period": "2025-06-01", "competitor": "RivalA", "metric": "csat", "value": 4.5,
              "touchpoint": "app", "source": "test"}]
    db = rows_db(survey_responses=answers, benchmarks=bench)
    behind = 100 * 0.5 / 4.5
    assert _rule_gaps(db)["csat"] == pytest.approx(behind)
    page = benchmarks.gaps(filters=Filters(), viewer=SYSTEM, db=db).iloc[0]
    assert page["ours"] == pytest.approx(4.0)
    assert page["gap_pct"] == pytest.approx(-behind)
