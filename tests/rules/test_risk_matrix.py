"""Risk matrix formulas by hand, on a tiny warehouse, with scope and the stored owner/status/note."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.risk import matrix as risk_matrix
from warehouse.risk.matrix import RiskItemError
from warehouse.storage.db import connect

AT = datetime(2026, 3, 2, 10)


@pytest.fixture
def small_db(tmp_db, rows):
    rows.customers([{"customer_id": f"C{i}", "region": "East", "channel": "Phone",
                     "lifetime_value": 20000.0 if i == 1 else 500.0, "status": "active"}
                    for i in range(100)])
    # 10 delivery ratings, three negative (2 of 5) from C1, C2, C9
    raters = ["C1", "C2", "C9"] + [f"C{20 + i}" for i in range(7)]
    scores = [2, 1, 2, 4, 5, 4, 5, 3, 4, 5]
    rows.responses([{"response_id": f"R{i}", "submitted_at": AT, "customer_id": c,
                     "channel": "Phone", "region": "East", "touchpoint": "delivery",
                     "csat": float(s), "csat_scale": 5, "csat_10": 2.0 * s}
                    for i, (c, s) in enumerate(zip(raters, scores))])
    rows.ratings([{"response_id": f"R{i}", "touchpoint": "delivery", "rating": float(s),
                   "scale": 5, "rating_10": 2.0 * s} for i, s in enumerate(scores)])
    # four complaints from C1, C1, C2, C3: severities low/medium/high/urgent, one escalated,
    # compensation 0, 0, 150, 450
    tickets = [("C1", "low", False, 0.0), ("C1", "medium", False, 0.0),
               ("C2", "high", True, 150.0), ("C3", "urgent", False, 450.0)]
    rows.complaints([{"ticket_id": f"T{i}", "created_at": AT + timedelta(hours=i),
                      "customer_id": c, "channel": "Phone", "region": "East",
                      "touchpoint": "delivery", "category": "delivery delay", "severity": sev,
                      "status": "closed", "escalated": esc, "compensation_amount": comp}
                     for i, (c, sev, esc, comp) in enumerate(tickets)])
    return tmp_db


def test_formulas_by_hand(small_db):
    items = risk_matrix.risk_items(filters=Filters(), viewer=SYSTEM, db=small_db, min_n=1)
    by_id = items.set_index("item_id")
    touchpoint = by_id.loc["touchpoint:delivery"]
    # p = 1 − (1 − 3/10)(1 − 3/100) = 0.321
    assert touchpoint["probability"] == pytest.approx(0.321)
    # severity (0 + 1/3 + 2/3 + 1)/4 = 0.5 → /0.6; escalated 1/4 → /0.25 = 1;
    # compensation 150 → /300 = 0.5; high value 1 of 4 affected (C1, C2, C3, C9) → /0.5 = 0.5
    impact = 1 + 4 * (0.4 * 0.5 / 0.6 + 0.2 * 1.0 + 0.2 * 0.5 + 0.2 * 0.5)
    assert touchpoint["impact"] == pytest.approx(impact)
    assert touchpoint["score"] == pytest.approx(0.321 * impact)
    assert (touchpoint["row"], touchpoint["col"]) == (5, 4)
    assert touchpoint["quadrant"] == "act_now"
    assert touchpoint["affected_customers"] == 4 and touchpoint["n"] == 14
    assert touchpoint["drivers"][:2] == ["3 of 100 active customers complained",
                                         "30% of 10 ratings negative"]
    assert touchpoint["drivers"][2].startswith("severity mix 0.50")
    category = by_id.loc["category:delivery delay"]
    assert category["probability"] == pytest.approx(0.03)
    # high value: C1 of the three complainants → 1/3 / 0.5
    assert category["impact"] == pytest.approx(1 + 4 * (0.4 * 0.5 / 0.6 + 0.2 + 0.1
                                                         + 0.2 * (1 / 3) / 0.5))
    assert (category["row"], category["quadrant"]) == (1, "prepare")
    cell = by_id.loc["touchpoint_region:delivery|east"]
    assert cell["label"] == "delivery × East"
    assert cell["probability"] == pytest.approx(0.321)
    assert set(items["status"]) == {"open"}


def test_quadrants_and_cells():
    assert risk_matrix.quadrant(0.2, 3.5) == "act_now"
    assert risk_matrix.quadrant(0.05, 3.5) == "prepare"
    assert risk_matrix.quadrant(0.2, 1.5) == "automate"
    assert risk_matrix.quadrant(0.05, 1.5) == "watch"
    assert [risk_matrix._bin(p, risk_matrix.PROBABILITY_CUTS)
            for p in (0.0, 0.05, 0.12, 0.2, 0.9)] == [1, 2, 3, 4, 5]
    assert risk_matrix.impact({}) == 1.0  # no complaints, nobody of high value: least impact
    assert risk_matrix.probability("category", {"complainants": 5}) is None  # no CRM data


def test_scope_and_filters_apply(small_db):
    west = Viewer("w", "dept_head", regions=("West",))
    assert risk_matrix.risk_items(filters=Filters(), viewer=west, db=small_db, min_n=1).empty
    east = Viewer("e", "dept_head", regions=("east",))
    mine = risk_matrix.risk_items(filters=Filters(), viewer=east, db=small_db, min_n=1)
    assert len(mine) == 3
    later = Filters(start=AT.date() + timedelta(days=1))
    assert risk_matrix.risk_items(filters=later, viewer=SYSTEM, db=small_db, min_n=1).empty
    # items with too few contacts are left out
    assert risk_matrix.risk_items(filters=Filters(), viewer=SYSTEM, db=small_db).empty


def test_owner_status_note_with_history(small_db):
    with pytest.raises(RiskItemError, match="Status must be one of"):
        risk_matrix.set_item("touchpoint:delivery", owner="Li", status="done", note=None,
                             user="ana", db=small_db)
    with pytest.raises(RiskItemError, match="Unknown risk item"):
        risk_matrix.set_item("delivery", owner="Li", status="open", note=None, user="ana",
                             db=small_db)
    risk_matrix.set_item("touchpoint:delivery", owner=" Li Wei ", status="in_progress",
                         note="new courier contract", user="ana", db=small_db)
    items = risk_matrix.risk_items(filters=Filters(), viewer=SYSTEM, db=small_db, min_n=1)
    item = items.set_index("item_id").loc["touchpoint:delivery"]
    assert (item["owner"], item["status"], item["note"]) == (
        "Li Wei", "in_progress", "new courier contract")
    risk_matrix.set_item("touchpoint:delivery", owner="Li Wei", status="mitigated", note=None,
                         user="bo", db=small_db)
    history = risk_matrix.item_history(viewer=SYSTEM, db=small_db)
    assert list(history["changed_by"]) == ["bo", "ana"]
    assert history.iloc[0]["before"]["status"] == "in_progress"
    assert history.iloc[0]["after"] == {"owner": "Li Wei", "status": "mitigated", "note": None}
    assert history.iloc[1]["before"] == {"owner": None, "status": "open", "note": None}
    with connect(small_db) as con:
        actions = con.execute(
            "select user_name from audit_log where action = 'risk_item_change' order by audit_id"
        ).fetchall()
    assert actions == [("ana",), ("bo",)]
