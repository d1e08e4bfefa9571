"""Complaint, customer, CSI, benchmark and catalog views on the golden fixture (hand-computed)."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.kpi import benchmarks, catalog, complaints, csi, csi_regions, customers
from warehouse.storage.db import connect

JUNE = Filters(start=date(2025, 6, 1), end=date(2025, 6, 30))
SOUTH = Viewer("s", "dept_head", regions=("south",))


def test_sla_by_severity(golden_master):
    frame = complaints.sla_by_severity(filters=JUNE, viewer=SYSTEM, db=golden_master)
    rows = {r["severity"]: r for r in frame.to_dict("records")}
    # low: t1 t5 t6 t7 t8 -> first contact met t1 t8, breach t5, pending t6, t7 closed unknown
    low = rows["low"]
    assert (low["tickets"], low["response_met"], low["response_breach"],
            low["response_pending"]) == (5, 2, 1, 1)
    assert low["sla_first_response_pct"] == pytest.approx(200 / 3)
    # urgent t4: answered after 45 min > 30 min; complex and unresolved after 72 h
    assert rows["urgent"]["response_breach"] == 1 and rows["urgent"]["resolution_breach"] == 1
    assert rows["high"]["resolution_met"] == 1  # t3 complex, resolved in 71 h


def test_sla_as_of_decides_pending_or_breach(golden_master):
    from datetime import datetime

    # At 23:30 on 29 June t6 (created 23:00) is still inside its 2 h: pending.
    early = complaints.sla_by_severity(filters=JUNE, viewer=SYSTEM, db=golden_master,
                                       as_of=datetime(2025, 6, 29, 23, 30))
    late = complaints.sla_by_severity(filters=JUNE, viewer=SYSTEM, db=golden_master,
                                      as_of=datetime(2025, 7, 2))
    low_early = early.set_index("severity").loc["low"]
    low_late = late.set_index("severity").loc["low"]
    assert (low_early["response_pending"], low_early["response_breach"]) == (1, 1)
    assert (low_late["response_pending"], low_late["response_breach"]) == (0, 2)


def test_pareto(golden_master):
    frame = complaints.pareto(filters=JUNE, viewer=SYSTEM, db=golden_master)
    # refund t1 t2 t7 t8 (4), Rude Staff t3 t4 (2), delivery delay t5 t6 (2) of 8
    assert list(frame["complaints"]) == [4, 2, 2]
    assert frame["category"].iloc[0].lower() == "refund"
    assert list(frame["cumulative_pct"]) == pytest.approx([50.0, 75.0, 100.0])
    # 75 % before the third: the third crosses 80 % and belongs to the vital few
    assert list(frame["vital_few"]) == [True, True, True]


def test_escalation_and_fcr_by_channel(golden_master):
    frame = complaints.escalation_fcr(filters=JUNE, viewer=SYSTEM, db=golden_master)
    rows = frame.set_index("channel").to_dict("index")
    # App: t1 t2 t7 t8, none escalated, FCR t1 t2 t8 -> 75 %; Store: t3 escalated of t3 t4
    assert rows["App"]["complaints"] == 4 and rows["App"]["fcr_pct"] == pytest.approx(75.0)
    assert rows["Store"]["escalation_rate_pct"] == pytest.approx(50.0)
    # Web: t5 (no flag), t6 -> 0 escalated of 1 known
    assert rows["Web"]["escalation_rate_pct"] == pytest.approx(0.0)
    # counts stay whole numbers (a 128-bit count would reach pandas as a float: "20.00")
    for column in ("complaints", "escalated", "first_contact_resolved"):
        assert frame[column].dtype.kind == "i", column


def test_repeat_complaints(golden_master):
    frame = complaints.repeat_complaints(filters=JUNE, viewer=SYSTEM, db=golden_master)
    pairs = {(r["customer_id"], r["category"].lower()): r["repeats"] for r in frame.to_dict("records")}
    assert pairs == {("c1", "refund"): 3, ("c3", "rude staff"): 1}
    # A South head does not see c1's North tickets at all.
    south = complaints.repeat_complaints(filters=JUNE, viewer=SOUTH, db=golden_master)
    assert set(south["customer_id"]) == {"c3"}


def test_search_binds_text(golden_master):
    found = complaints.search("REFUND", filters=JUNE, viewer=SYSTEM, db=golden_master)
    assert list(found["ticket_id"]) == ["t7", "t8", "t2", "t1"]
    assert list(complaints.search("退款", filters=JUNE, viewer=SYSTEM, db=golden_master)
                ["ticket_id"]) == ["t1"]
    for crafted in ("%", "_", "' or '1'='1"):
        assert complaints.search(crafted, filters=JUNE, viewer=SYSTEM, db=golden_master).empty
    assert list(complaints.search("refund", filters=JUNE, viewer=SOUTH, db=golden_master)
                ["ticket_id"]) == ["t7"]


def test_churn_risk_reasons(golden_master):
    frame = customers.churn_risk(filters=Filters(), viewer=SYSTEM, db=golden_master)
    reasons = dict(zip(frame["customer_id"], frame["reasons"]))
    # data end 29 June: c2 last active 1 May (59 days); c3 order value 40 vs 100 (-60 %);
    # c6 June nps 7 vs own earlier 9 9 10 9 (mean 9.25, sd 0.5) -> z = -4.5
    assert set(reasons) == {"c2", "c3", "c6"}
    assert reasons["c2"] == ["inactive 59 days"]
    assert reasons["c3"] == ["order value -60 %"]
    assert frame.set_index("customer_id").loc["c6", "behaviour_z"] == pytest.approx(-4.5)
    assert dict(zip(frame["customer_id"], frame["tier"])) == {"c2": "mid", "c3": "low", "c6": "mid"}
    later = customers.churn_risk(filters=Filters(), viewer=SYSTEM, db=golden_master,
                                 as_of=date(2025, 7, 31))
    assert "c1" in set(later["customer_id"])  # 36 days after 25 June
    south = customers.churn_risk(filters=Filters(), viewer=SOUTH, db=golden_master)
    assert set(south["customer_id"]) == {"c3"}


def test_tier_counts(golden_master):
    frame = customers.tier_counts(filters=Filters(), viewer=SYSTEM, db=golden_master)
    # not churned: c1 12,000 high; c8 20,000 high; c2 5,000 mid; c6 10,000 mid (not > 10,000);
    # c3 800 low; c5 1,000 low (<= 1,000); c7 unknown
    assert dict(zip(frame["tier"], frame["customers"])) == {"high": 2, "mid": 2, "low": 2,
                                                            "unknown": 1}


def test_ahp_weights_match_independent_computation():
    matrix = np.array(csi.DEFAULT_MATRIX)
    weights, lambda_max, ci, cr = csi.ahp_weights(matrix)
    # Independent: geometric means of the rows approximate the eigenvector closely.
    geo = np.prod(matrix, axis=1) ** (1 / 4)
    assert weights == pytest.approx(list(geo / geo.sum()), abs=2e-3)
    assert lambda_max == pytest.approx(float(np.mean(matrix @ np.array(weights) / weights)))
    assert ci == pytest.approx((lambda_max - 4) / 3)
    assert cr == pytest.approx(ci / 0.90) and cr < 0.1
    # A perfectly consistent matrix has CR 0 and the obvious weights.
    w = np.array([0.4, 0.3, 0.2, 0.1])
    weights, _, _, cr = csi.ahp_weights(np.outer(w, 1 / w))
    assert weights == pytest.approx(list(w)) and cr == pytest.approx(0.0, abs=1e-9)


def test_inconsistent_matrix_is_refused_and_nothing_changes(golden_db):
    bad = [[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1], [9, 1 / 9, 1, 1], [1, 1, 1, 1]]
    with pytest.raises(csi.InconsistentMatrix, match="CR"):
        csi.save_matrix(bad, user="ana", db=golden_db)
    with pytest.raises(csi.InconsistentMatrix, match="reciprocal"):
        csi.save_matrix([[1, 2, 1, 1], [2, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]], user="ana",
                        db=golden_db)
    assert csi.current_matrix(golden_db) == [list(r) for r in csi.DEFAULT_MATRIX]


def test_saved_matrix_is_kept_with_history_and_audit(golden_db):
    w = np.array([0.1, 0.2, 0.3, 0.4])
    result = csi.save_matrix(np.outer(w, 1 / w).tolist(), user="ana", db=golden_db)
    assert result["weights"]["ces"] == pytest.approx(0.3)
    assert csi.current_matrix(golden_db)[0][3] == pytest.approx(0.25)
    with connect(golden_db) as con:
        history = con.execute("select changed_by from settings_history where key = 'csi_pairwise'"
                              ).fetchall()
        audit = con.execute("select user_name, detail from audit_log where action = 'edit_weights'"
                            ).fetchall()
    assert history == [("ana",)]
    assert audit[0][0] == "ana" and json.loads(audit[0][1])["before"] is None


def test_csi_by_region_and_sensitivity(golden_master):
    frame = csi_regions.csi_by_region(filters=JUNE, viewer=SYSTEM, db=golden_master)
    assert list(frame["region"]) == ["North", "East", "South"]
    sens = csi_regions.sensitivity(filters=JUNE, viewer=SYSTEM, db=golden_master)
    assert len(sens) == 1 + 2 * 4
    for weights in sens["weights"]:
        assert sum(weights.values()) == pytest.approx(1.0)
    # The gaps between regions are wide, so ±10 % on one weight leaves the ranking as it is.
    assert not sens["ranking_changed"].any()
    south = csi_regions.csi_by_region(filters=JUNE, viewer=SOUTH, db=golden_master)
    assert list(south["region"]) == ["South"]


def test_benchmark_gaps_respect_direction(golden_master):
    frame = benchmarks.gaps(filters=JUNE, viewer=SYSTEM, db=golden_master)
    rows = {(r["metric"], r["competitor"]): r for r in frame.to_dict("records")}
    nps = rows[("nps", "industry")]
    assert nps["ours"] == pytest.approx(-100 / 9)
    assert nps["gap_pct"] == pytest.approx((-100 / 9 - 24) / 24 * 100) and nps["weakness"]
    # first response: lower is better; ours 45 min vs industry 60 -> 25 % better; CompA 40 ->
    # 12.5 % worse (not a weakness: under 15 %)
    assert rows[("first_response_minutes", "industry")]["gap_pct"] == pytest.approx(25.0)
    comp = rows[("first_response_minutes", "CompA")]
    assert comp["gap_pct"] == pytest.approx(-12.5) and not comp["weakness"]
    # csat at app: ours 3 of 4 app ratings in the top two boxes
    assert rows[("csat", "industry")]["ours"] == pytest.approx(75.0)
    # A South head's own values come from South rows only (r3 r4 r8 -> -200/3).
    south = benchmarks.gaps(filters=JUNE, viewer=SOUTH, db=golden_master)
    assert south[south["metric"] == "nps"]["ours"].iloc[0] == pytest.approx(-200 / 3)


def test_band_and_radar(golden_master):
    frame = benchmarks.band("nps", filters=Filters(), viewer=SYSTEM, db=golden_master)
    # industry 20 22 24: sample sd 2 -> band ± 3
    assert list(frame["industry"]) == [20.0, 22.0, 24.0]
    assert list(frame["upper"]) == pytest.approx([23.0, 25.0, 27.0])
    assert list(frame["ours"]) == pytest.approx([-2100 / 22, 0.0, -100 / 9])
    assert frame["outside"].all()
    radar = benchmarks.radar(filters=JUNE, viewer=SYSTEM, db=golden_master)
    score = {(r["entity"], r["metric"]): r["score"] for r in radar.to_dict("records")}
    assert score[("us", "nps")] == pytest.approx((-100 / 9 + 100) / 2)
    assert score[("CompA", "first_response_minutes")] == pytest.approx(100.0)
    assert score[("industry", "first_response_minutes")] == pytest.approx(100 * 40 / 60)


def test_forecast_needs_24_periods(golden_db):
    assert benchmarks.forecast("nps", viewer=SYSTEM, db=golden_db) == benchmarks.NOT_ENOUGH_HISTORY
    months = pd.date_range("2022-01-01", periods=30, freq="MS")
    with connect(golden_db, write=True) as con:
        for i, month in enumerate(months):
            con.execute(
                "insert into benchmarks (period, competitor, metric, value, touchpoint, batch_id,"
                " first_batch_id) values (?, 'industry', 'ces', ?, '', 2, 2)",
                [month.date(), 4.0 + 0.05 * i],
            )
    frame = benchmarks.forecast("ces", viewer=SYSTEM, db=golden_db)
    ahead = frame[frame["kind"] == "forecast"]
    assert len(ahead) == 12 and (frame["kind"] == "history").sum() == 30
    assert str(ahead["period"].iloc[0]) == "2024-07-01"
    # A straight line continues: 4.0 + 0.05 * 30 = 5.5 next month, within a small tolerance.
    assert ahead["value"].iloc[0] == pytest.approx(5.5, abs=0.05)
    assert (ahead["lower"] <= ahead["value"]).all() and (ahead["value"] <= ahead["upper"]).all()


def test_catalog(golden_master):
    options = catalog.filter_options(viewer=SYSTEM, db=golden_master)
    assert options["regions"] == ["East", "North", "South"]
    assert [c.lower() for c in options["categories"]] == ["delivery delay", "refund", "rude staff"]
    south = catalog.filter_options(viewer=SOUTH, db=golden_master)
    assert south["regions"] == ["South"]
    assert "Web" not in south["channels"] and "website" not in south["touchpoints"]
    assert catalog.data_as_of(viewer=SYSTEM, db=golden_master).isoformat() == "2025-06-29T23:00:00"
    assert catalog.latest_batch(viewer=SYSTEM, db=golden_master) == 1
    assert not catalog.is_empty(viewer=SYSTEM, db=golden_master)


def test_catalog_on_an_empty_warehouse(tmp_db):
    assert catalog.is_empty(viewer=SYSTEM, db=tmp_db)
    assert catalog.latest_batch(viewer=SYSTEM, db=tmp_db) is None
    assert catalog.data_as_of(viewer=SYSTEM, db=tmp_db) is None
    assert catalog.filter_options(viewer=SYSTEM, db=tmp_db)["regions"] == []
