"""Every KPI on the golden fixture against values worked out by hand (see the comments)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from warehouse import kpis
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.kpi import metrics

ROOT = Path(__file__).resolve().parents[2]
JUNE = Filters(start=date(2025, 6, 1), end=date(2025, 6, 30))

# June 2025 by hand (tests/fixtures/engine):
#   nps of r1..r10 (r7 none): 10 9 8 6 0 7 3 10 5 -> 3 promoters, 4 detractors of 9
#   ces: 7 6 5 3 1 4 2 6 7 -> 41 / 9
#   negative: r4 (nps 6), r5 (0), r8 (3), r10 (5) of 10 responses with a score
#   ratings (10): 5/5 3/5 4/5 3/5 2/5 1/5 9/10 10/10 8/10 5/5 -> top-2: 5 of 10;
#     on 10 points 10+6+8+6+4+2+9+10+8+10 = 73
#   tickets t1..t8; active customers c1 c2 c3 c5 c6 c7 c8 = 7
#   first response minutes: 30 90 180 45 20 -> median 45; p90 = 90 + 0.6 * 90 = 144
#   resolution hours: 2 24 71 1/3 -> median 13; p90 = 24 + 0.7 * 47 = 56.9
#   first contact SLA: met t1 t2 t8; breach t3 (3 h), t4 (urgent 45 min), t5 (never answered,
#     open 9 days); t6 pending (1 h old at the data end); t7 closed without timestamps
#   resolution SLA: met t1 (2 h) t2 (24 h) t3 (complex, 71 h) t8; breach t4 (complex, open
#     > 72 h) t5 (simple, open > 24 h)
#   repeats: t1 (t0 12 days before), t2, t8 (refund, c1), t4 (Rude Staff after t3) -> 4 of 8
#   escalated: t3 of the 7 tickets with the flag (t5 has none)
#   first-contact resolution (resolved within 24 h, not escalated): t1 (2 h), t2 (24 h), t8
EXPECTED_JUNE = {
    "responses": 10,
    "nps": 100 * (3 - 4) / 9,
    "csat_pct": 50.0,
    "csat_mean": 7.3,
    "ces": 41 / 9,
    "negative_rate_pct": 40.0,
    "complaints": 8,
    "complaint_rate_per_1000": 8 / 7 * 1000,
    "frt_median_minutes": 45.0,
    "frt_p90_minutes": 144.0,
    "resolution_median_hours": 13.0,
    "resolution_p90_hours": 56.9,
    "sla_first_response_pct": 50.0,
    "sla_resolution_pct": 400 / 6,
    "repeat_rate_pct": 50.0,
    "escalation_rate_pct": 100 / 7,
    "fcr_pct": 37.5,
}
# Previous period of June 1-30 is May 2-31: r11 (nps 10, csat 5/5, ces 6), r12 (2, 1/5, 2); t0.
EXPECTED_MAY = {
    "responses": 2,
    "nps": 0.0,
    "csat_pct": 50.0,
    "ces": 4.0,
    "complaints": 1,
    "frt_median_minutes": 10.0,
    "repeat_rate_pct": 0.0,
}


def test_every_kpi_matches_hand_computation(golden_master):
    summary = metrics.kpi_summary(filters=JUNE, viewer=SYSTEM, db=golden_master)
    for key, expected in EXPECTED_JUNE.items():
        assert summary[key]["value"] == pytest.approx(expected), key
    for key, expected in EXPECTED_MAY.items():
        assert summary[key]["previous"] == pytest.approx(expected), key
    assert summary["nps"]["delta"] == pytest.approx(100 * (3 - 4) / 9 - 0.0)
    assert summary["nps"]["n"] == 9
    assert summary["csat_pct"]["n"] == 10
    assert summary["sla_first_response_pct"]["n"] == 6
    assert summary["escalation_rate_pct"]["n"] == 7


def test_csi_is_the_weighted_normalised_components(golden_master):
    # Weights by power iteration (independent of the eigen-solver in warehouse.kpi.csi).
    import numpy as np

    from warehouse.kpi.csi import DEFAULT_MATRIX

    m = np.array(DEFAULT_MATRIX)
    w = np.ones(4) / 4
    for _ in range(200):
        w = m @ w
        w = w / w.sum()
    parts = [(-100 / 9 + 100) / 2, 50.0, (41 / 9 - 1) / 6 * 100, max(0.0, 100 - 8000 / 7)]
    expected = float(np.dot(w, parts))
    assert kpis(golden_master, start="2025-06-01", end="2025-06-30")["csi"] == pytest.approx(expected)


def test_filters_match_case_insensitively(golden_master):
    # North June: r1 r2 r7 r9 r10 -> nps 10 9 10 5 -> 3 promoters, 1 detractor of 4.
    north = kpis(golden_master, start="2025-06-01", end="2025-06-30", region=[" NORTH "])
    assert north["responses"] == 5
    assert north["nps"] == pytest.approx(50.0)
    # Tickets t1 t2 t8 are North; North active customers c1 c2 c7.
    assert north["complaints"] == 3
    assert north["complaint_rate_per_1000"] == pytest.approx(1000.0)


def test_touchpoint_filter_uses_rated_touchpoints(golden_master):
    # store: r3 r4 r7 (3/5, 2/5, 10/10 -> 1 of 3 in the top two boxes); tickets t3 t4.
    store = kpis(golden_master, start="2025-06-01", end="2025-06-30", touchpoint=["Store"])
    assert store["responses"] == 3
    assert store["csat_pct"] == pytest.approx(100 / 3)
    assert store["complaints"] == 2
    # delivery is only rated inside r1 (3/5): r1 counts, CSAT comes from that one rating.
    delivery = kpis(golden_master, start="2025-06-01", end="2025-06-30", touchpoint=["delivery"])
    assert delivery["responses"] == 1
    assert delivery["csat_pct"] == 0.0
    assert delivery["complaints"] == 0


def test_segment_filter_uses_the_customer_for_tickets(golden_master):
    # VIP responses in June: r1 r5 r8 r10; VIP customers c1 c5 c8 own tickets t1 t2 t5 t7 t8.
    vip = kpis(golden_master, start="2025-06-01", end="2025-06-30", segment=["vip"])
    assert vip["responses"] == 4
    assert vip["complaints"] == 5


def test_no_data_is_null_not_zero(golden_master):
    # 2030 lies after every loaded survey and ticket: nothing is known, not "0 complaints".
    empty = kpis(golden_master, start="2030-01-01", end="2030-01-31")
    for key in ("responses", "complaints", "nps", "csat_pct", "ces", "frt_median_minutes",
                "resolution_median_hours", "sla_first_response_pct", "repeat_rate_pct",
                "escalation_rate_pct", "fcr_pct", "complaint_rate_per_1000", "csi"):
        assert empty[key] is None, key
    # 15-30 April lies inside both sources' data (surveys 3 Mar - 29 Jun, tickets 1 Apr -
    # 29 Jun) and holds neither: true zeros; CRM exists, so the rate is a true 0 per 1,000, and
    # without a survey component there is no composite index.
    quiet = kpis(golden_master, start="2025-04-15", end="2025-04-30")
    assert quiet["responses"] == 0 and quiet["complaints"] == 0
    assert quiet["complaint_rate_per_1000"] == 0.0
    assert quiet["nps"] is None and quiet["csi"] is None and quiet["fcr_pct"] is None


def test_complaint_rate_is_null_without_crm(tmp_db):
    from warehouse.storage.db import connect

    with connect(tmp_db, write=True) as con:
        con.execute(
            "insert into complaints (ticket_id, created_at, batch_id, first_batch_id) "
            "values ('x1', timestamp '2025-01-01 10:00', 1, 1)"
        )
    values = kpis(tmp_db)
    assert values["complaints"] == 1
    assert values["complaint_rate_per_1000"] is None


def test_suspect_raters_are_excluded_on_request(golden_master):
    # April: c9 gives the lowest score 10 times in a row (suspect), c10 twice 5 with a break.
    april = Filters(start=date(2025, 4, 1), end=date(2025, 4, 30))
    kept = metrics.kpi_summary(filters=april, viewer=SYSTEM, db=golden_master)
    dropped = metrics.kpi_summary(filters=april.with_(exclude_suspect=True), viewer=SYSTEM,
                                  db=golden_master)
    assert kept["responses"]["value"] == 22
    assert dropped["responses"]["value"] == 11
    # c10 alone: nps 0 x10 and 8 -> 0 promoters, 10 detractors of 11.
    assert dropped["nps"]["value"] == pytest.approx(-1000 / 11)


def test_series_by_month(golden_master):
    frame = metrics.metric_series("nps", grain="month", filters=Filters(), viewer=SYSTEM,
                                  db=golden_master)
    by_month = {str(p)[:7]: (v, n) for p, v, n, _partial in frame.itertuples(index=False)}
    # March: c6 9 9 10 9 -> 4 promoters of 4; April: c9 (0 x10, 5), c10 (0 x10, 8) -> -21/22.
    assert by_month["2025-03"] == (pytest.approx(100.0), 4)
    assert by_month["2025-04"] == (pytest.approx(-2100 / 22), 22)
    assert by_month["2025-06"] == (pytest.approx(-100 / 9), 9)
    weekly = metrics.metric_series("complaints", grain="week", filters=JUNE, viewer=SYSTEM,
                                   db=golden_master)
    assert weekly["value"].sum() == 8
    # t1 (Sunday 1 June) belongs to the ISO week starting Monday 26 May.
    assert weekly["period"].iloc[0].date() == date(2025, 5, 26)


def test_touchpoint_matrix_min_n_and_breach(golden_master):
    frame = metrics.touchpoint_matrix("csat_pct", by="region", filters=JUNE, viewer=SYSTEM,
                                      db=golden_master, min_n=2)
    cells = {(t, c): row for t, c, *row in frame.itertuples(index=False)}
    # store × South: r3 3/5, r4 2/5 -> 0 % of 2 -> red; website × East: 1/5, 9/10 -> 50 % yellow
    assert cells[("store", "South")] == [0.0, 2, False, "red"]
    assert cells[("website", "East")] == [50.0, 2, False, "yellow"]
    # app × South is r8 alone (8/10): under min_n, greyed, never a breach marker.
    assert cells[("app", "South")][1:] == [1, True, None]
    assert cells[("app", "North")] == [100.0, 3, False, None]


def test_drill_returns_the_rows_behind_a_cell(golden_master):
    found = metrics.drill("store", by="region", col="south", filters=JUNE, viewer=SYSTEM,
                          db=golden_master)
    assert sorted(found["responses"]["response_id"]) == ["r3", "r4"]
    assert sorted(found["complaints"]["ticket_id"]) == ["t3", "t4"]
    week = metrics.drill("app", by="week", col="2025-06-09", filters=JUNE, viewer=SYSTEM,
                         db=golden_master)
    # Monday 9 to Sunday 15 June: t8 (12th) and t7 (15th), newest first.
    assert list(week["complaints"]["ticket_id"]) == ["t7", "t8"]
    assert list(week["responses"]["response_id"]) == []


def _kpis_cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warehouse", "kpis", "--db", str(db), *args, "--json"],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_cli_prints_one_json_line(golden_master):
    done = _kpis_cli(golden_master, "--start", "2025-06-01", "--end", "2025-06-30",
                     "--region", "South")
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout.strip().splitlines()[-1])
    # South June: r3 r4 r8 -> nps 8 6 3 -> 0 promoters, 2 detractors of 3; t3 t4 t7.
    assert values["responses"] == 3
    assert values["nps"] == pytest.approx(-200 / 3)
    assert values["complaints"] == 3
    for key in ("responses", "nps", "csat_pct", "ces", "complaints", "complaint_rate_per_1000",
                "frt_median_minutes", "resolution_median_hours", "sla_first_response_pct",
                "repeat_rate_pct", "escalation_rate_pct", "csi"):
        assert key in values


def test_cli_refuses_bad_dates(golden_master):
    for args in (["--start", "2025-13-01"], ["--start", "2025-06-30", "--end", "2025-06-01"]):
        done = _kpis_cli(golden_master, *args)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr + done.stdout


def test_cli_user_scope_and_unknown_user(golden_db):
    from warehouse.access import auth

    auth.add_user("south_head", role="dept_head", regions=["South"], password="a-long-secret-1",
                  db=golden_db, by="admin")
    june = ("--start", "2025-06-01", "--end", "2025-06-30")
    done = _kpis_cli(golden_db, *june, "--user", "south_head")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["complaints"] == 3
    # Asking for another region as the South head returns nothing, not an error.
    done = _kpis_cli(golden_db, *june, "--user", "south_head", "--region", "North")
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values["complaints"] == 0 and values["responses"] == 0 and values["nps"] is None
    done = _kpis_cli(golden_db, *june, "--user", "nobody")
    assert done.returncode == 1 and "nobody" in done.stdout and "Traceback" not in done.stderr


def test_dept_head_sees_only_their_rows(golden_master):
    south = Viewer("s", "dept_head", regions=("South",))
    values = metrics.kpi_values(filters=JUNE, viewer=south, db=golden_master)
    assert values["responses"] == 3 and values["complaints"] == 3
    # South active customers: c3 and c8 (c4 churned).
    assert values["complaint_rate_per_1000"] == pytest.approx(1500.0)
    both = Viewer("a", "dept_head", channels=("app",), regions=("north",))
    values = metrics.kpi_values(filters=JUNE, viewer=both, db=golden_master)
    assert values["responses"] == 3 and values["complaints"] == 3  # r1 r2 r10; t1 t2 t8
    nothing = Viewer("n", "dept_head")
    values = metrics.kpi_values(filters=JUNE, viewer=nothing, db=golden_master)
    assert values["responses"] == 0 and values["complaints"] == 0


@pytest.mark.parametrize("crafted", ["North' OR '1'='1", "north') or (1=1", "%", "_orth"])
def test_crafted_filter_values_match_nothing(golden_master, crafted):
    values = kpis(golden_master, region=[crafted], channel=[crafted])
    assert values["responses"] == 0 and values["complaints"] == 0
    for by in ("region", "channel", "week"):
        found = metrics.drill(crafted, by=by, col=crafted, filters=Filters(), viewer=SYSTEM,
                              db=golden_master)
        assert found["responses"].empty and found["complaints"].empty


def test_score_outliers_are_flagged_not_dropped(golden_master):
    april = Filters(start=date(2025, 4, 1), end=date(2025, 4, 30))
    frame = metrics.score_outliers(filters=april, viewer=SYSTEM, db=golden_master)
    nps = frame.set_index("score").loc["nps"]
    # April nps: twenty 0s, a 5 and an 8 -> Q1 = Q3 = 0, fences 0..0 -> the 5 and the 8.
    assert (nps["n"], nps["q1"], nps["q3"], nps["outliers"]) == (22, 0.0, 0.0, 2)
    # ces: twenty 1s, a 4 and a 5 -> the 4 and the 5.
    assert frame.set_index("score").loc["ces", "outliers"] == 2
    # Still counted in the metrics: 22 responses.
    assert metrics.kpi_values(filters=april, viewer=SYSTEM, db=golden_master)["responses"] == 22
    cell = metrics.drill("app", by="region", col="South", filters=april, viewer=SYSTEM,
                         db=golden_master, limit=50)["responses"]
    flagged = set(cell.loc[cell["outlier"], "response_id"])
    assert flagged == {"s9-10", "s10-05"}


@pytest.mark.parametrize("metric", list(metrics.METRICS))
def test_every_metric_has_a_series_and_a_heatmap(golden_master, metric):
    series = metrics.metric_series(metric, grain="month", filters=JUNE, viewer=SYSTEM,
                                   db=golden_master)
    june = series[series["period"].dt.month == 6]
    if metric in EXPECTED_JUNE and metric != "complaint_rate_per_1000":
        # One month = the whole June window: the series value equals the KPI.
        assert june["value"].iloc[0] == pytest.approx(EXPECTED_JUNE[metric]), metric
    cells = metrics.touchpoint_matrix(metric, by="channel", filters=JUNE, viewer=SYSTEM,
                                      db=golden_master)
    assert list(cells.columns) == ["touchpoint", "col", "value", "n", "low_n", "breach"]
    assert not cells.empty


def test_durations_per_cell(golden_master):
    cells = metrics.touchpoint_matrix("frt_median_minutes", by="channel", filters=JUNE,
                                      viewer=SYSTEM, db=golden_master, min_n=1)
    found = {(t, c): (v, n) for t, c, v, n, *_ in cells.itertuples(index=False)}
    # app × App: t1 30 min, t2 90, t8 20 (t7 unanswered) -> median 30 of 3
    assert found[("app", "App")] == (pytest.approx(30.0), 3)
    # store × Store: t3 180, t4 45 -> 112.5
    assert found[("store", "Store")] == (pytest.approx(112.5), 2)


def test_sla_and_first_contact_per_cell(golden_master):
    # June by channel (tickets above): app × App t1 t2 t8 met, t7 closed without timestamps;
    # store × Store t3 (3 h) and t4 (urgent, 45 min) answered late, t3 resolved in 71 h
    # (complex: met), t4 open for weeks (breach); website × Web t5 never answered nor resolved
    # (breach), t6 an hour old at the data end (pending, not counted).
    expected = {
        "sla_first_response_pct": {("app", "App"): (100.0, 3), ("store", "Store"): (0.0, 2),
                                   ("website", "Web"): (0.0, 1)},
        "sla_resolution_pct": {("app", "App"): (100.0, 3), ("store", "Store"): (50.0, 2),
                               ("website", "Web"): (0.0, 1)},
        # first contact: t1 (2 h), t2 (24 h), t8 of app's four; t3 escalated, t4 open; t5 and
        # t6 carry no time at all, so website × Web has no first-contact figure
        "fcr_pct": {("app", "App"): (75.0, 4), ("store", "Store"): (0.0, 2),
                    ("website", "Web"): (None, 2)},
    }
    for metric, cells in expected.items():
        frame = metrics.touchpoint_matrix(metric, by="channel", filters=JUNE, viewer=SYSTEM,
                                          db=golden_master, min_n=1)
        found = {(t, c): (None if pd.isna(v) else v, n)
                 for t, c, v, n, *_ in frame.itertuples(index=False)}
        assert found == {k: (None if v is None else pytest.approx(v), n)
                         for k, (v, n) in cells.items()}, metric


def test_escalation_and_first_contact_per_group(golden_master):
    from warehouse.kpi import complaints

    frame = complaints.escalation_fcr(filters=JUNE, viewer=SYSTEM, db=golden_master,
                                      by="severity").set_index("severity")
    # low: t1 t5 t6 t7 t8 (t5 without a flag) -> 0 of 4 escalated; first contact t1 t8 of 5
    assert frame.loc["low", "complaints"] == 5
    assert frame.loc["low", "escalation_rate_pct"] == pytest.approx(0.0)
    assert frame.loc["low", "fcr_pct"] == pytest.approx(40.0)
    # high: t3, escalated -> 100 %, not a first-contact resolution
    assert frame.loc["high", "escalation_rate_pct"] == pytest.approx(100.0)
    assert frame.loc["high", "first_contact_resolved"] == 0
    # medium: t2, resolved in exactly 24 h -> first contact
    assert frame.loc["medium", "fcr_pct"] == pytest.approx(100.0)
