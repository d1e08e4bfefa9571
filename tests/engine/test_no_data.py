"""A metric without data is null, and a delta needs a previous window with data on the same
basis: small warehouses whose figures are worked out by hand in the comments."""

from __future__ import annotations

from datetime import date

import pytest

from warehouse import kpis
from warehouse.access.scope import SYSTEM, Filters
from warehouse.kpi import metrics

JUNE = Filters(start=date(2025, 6, 1), end=date(2025, 6, 30))  # previous: 2-31 May
CUSTOMERS = [{"customer_id": f"c{i}", "status": "active"} for i in range(1, 5)]


def _ticket(ticket_id: str, created: str, **more) -> dict:
    return {"ticket_id": ticket_id, "created_at": created, "status": "open", **more}


def _response(response_id: str, submitted: str, nps: int) -> dict:
    return {"response_id": response_id, "submitted_at": submitted, "nps": nps}


def test_no_survey_data_no_index_and_no_times_no_first_contact_figure(rows_db):
    # Two open June tickets without any time, four active customers, no survey at all.
    db = rows_db(customers=CUSTOMERS,
                 complaints=[_ticket("t1", "2025-06-03 10:00"), _ticket("t2", "2025-06-20 10:00")])
    values = kpis(db, start="2025-06-01", end="2025-06-30")
    assert values["complaints"] == 2
    # 2 tickets ÷ 4 customers × 1,000 × 30 / 30 days
    assert values["complaint_rate_per_1000"] == pytest.approx(500.0)
    assert values["csi"] is None  # the complaint rate alone is no satisfaction index
    assert values["fcr_pct"] is None  # no ticket says how it was handled
    assert values["responses"] is None and values["nps"] is None


def test_first_contact_counts_once_one_ticket_has_times(rows_db):
    # t1 resolved 30 min after creation (first contact), t2 open: 1 of 2.
    db = rows_db(customers=CUSTOMERS, complaints=[
        _ticket("t1", "2025-06-03 10:00", status="resolved", resolved_at="2025-06-03 10:30",
                escalated=False),
        _ticket("t2", "2025-06-20 10:00")])
    assert kpis(db, start="2025-06-01", end="2025-06-30")["fcr_pct"] == pytest.approx(50.0)


def test_a_window_without_complaint_data_has_no_rate(rows_db):
    # Tickets were exported for April only; June has survey answers but no ticket data.
    db = rows_db(customers=CUSTOMERS,
                 complaints=[_ticket("t1", "2025-04-03 10:00")],
                 survey_responses=[_response("r1", "2025-06-05 09:00", 9)])
    values = kpis(db, start="2025-06-01", end="2025-06-30")
    assert values["complaints"] is None
    assert values["complaint_rate_per_1000"] is None
    assert values["nps"] == pytest.approx(100.0)
    assert values["csi"] == pytest.approx((100 + 100) / 2)  # NPS alone: (100 + 100) / 2


def test_no_delta_against_a_window_the_data_does_not_cover(rows_db):
    # Surveys and tickets start on 20 May: 2-31 May is only partly covered.
    db = rows_db(customers=CUSTOMERS,
                 complaints=[_ticket("t0", "2025-05-25 10:00"), _ticket("t1", "2025-06-03 10:00"),
                             _ticket("t2", "2025-06-04 10:00"), _ticket("t3", "2025-06-05 10:00")],
                 survey_responses=[_response("r0", "2025-05-20 09:00", 0),
                                   _response("r1", "2025-06-05 09:00", 10),
                                   _response("r2", "2025-06-06 09:00", 10)])
    summary = metrics.kpi_summary(filters=JUNE, viewer=SYSTEM, db=db)
    assert (summary["complaints"]["value"], summary["complaints"]["previous"]) == (3, 1)
    assert summary["complaints"]["delta"] is None  # a rise from 1 would be the data starting
    assert summary["responses"]["delta"] is None
    assert summary["complaint_rate_per_1000"]["delta"] is None
    # NPS is a share of the answers there are: May's one detractor (-100) against June's +100.
    assert summary["nps"]["delta"] == pytest.approx(200.0)


def test_no_index_delta_when_the_components_differ(rows_db):
    # May has NPS only, June NPS and CES: the two indexes weigh different things.
    may = {**_response("r0", "2025-05-10 09:00", 10)}
    june = {**_response("r1", "2025-06-10 09:00", 10), "ces": 7.0}
    db = rows_db(survey_responses=[may, june])
    summary = metrics.kpi_summary(filters=JUNE, viewer=SYSTEM, db=db)
    assert summary["csi"]["value"] == pytest.approx(100.0)
    assert summary["csi"]["previous"] == pytest.approx(100.0)
    assert summary["csi"]["delta"] is None
    assert summary["nps"]["delta"] == pytest.approx(0.0)


def test_a_covered_previous_window_gives_deltas(rows_db):
    # Tickets 1 Apr - 30 Jun: May (2-31) 1 ticket, June 3; 4 customers, 30 days each.
    db = rows_db(customers=CUSTOMERS, complaints=[
        _ticket("ta", "2025-04-01 10:00"), _ticket("t0", "2025-05-25 10:00"),
        _ticket("t1", "2025-06-03 10:00"), _ticket("t2", "2025-06-04 10:00"),
        _ticket("t3", "2025-06-30 10:00")])
    summary = metrics.kpi_summary(filters=JUNE, viewer=SYSTEM, db=db)
    assert summary["complaints"]["delta"] == 2
    assert summary["complaint_rate_per_1000"]["value"] == pytest.approx(750.0)
    assert summary["complaint_rate_per_1000"]["delta"] == pytest.approx(750.0 - 250.0)


def test_cut_periods_are_marked_partial(golden_master):
    # June 2025 by week (Monday starts): 26 May - 1 June is cut by the filter (1 June only),
    # 2, 9, 16 and 23 June are whole (tickets run to 29 June, a Sunday).
    weekly = metrics.metric_series("complaints", grain="week", filters=JUNE, viewer=SYSTEM,
                                   db=golden_master)
    flags = {p.date(): bool(f) for p, f in zip(weekly["period"], weekly["partial"])}
    assert flags == {date(2025, 5, 26): True, date(2025, 6, 2): False, date(2025, 6, 9): False,
                     date(2025, 6, 16): False, date(2025, 6, 23): False}
    # By month without a date filter: surveys run 3 March - 29 June, so March (from the 3rd)
    # and June (to the 29th) are partial, April and May whole.
    monthly = metrics.metric_series("nps", grain="month", filters=Filters(), viewer=SYSTEM,
                                    db=golden_master)
    flags = {p.date(): bool(f) for p, f in zip(monthly["period"], monthly["partial"])}
    assert flags == {date(2025, 3, 1): True, date(2025, 4, 1): False, date(2025, 5, 1): False,
                     date(2025, 6, 1): True}
