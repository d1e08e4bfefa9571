"""Open tickets with their SLA clock, and the totals behind capped lists, on hand-made tickets."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.ingest import ingest_file
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.kpi import complaints, metrics

HEADER = ("ticket_id,created_at,customer_id,channel,region,touchpoint,category,severity,status,"
          "first_response_at,resolved_at,escalated\n")
# as_of = the newest timestamp in the data = 2026-03-10 12:00 (T6 below)
ROWS = [
    # not answered, normal: response due 2 h after creation → 10:00 + 2 h = 12:00 → 0 s left
    "T1,2026-03-10 10:00,C1,App,East,delivery,late,low,open,,,no",
    # not answered, urgent: due 30 min after 11:00 → 11:30 → overdue by 30 min
    "T2,2026-03-10 11:00,C2,App,East,delivery,late,urgent,open,,,no",
    # answered, simple: resolution due 24 h after 2026-03-10 06:00 → 2026-03-11 06:00 → 18 h left
    "T3,2026-03-10 06:00,C3,Web,West,delivery,late,low,open,2026-03-10 06:30,,no",
    # answered, escalated (complex): due 72 h after 2026-03-09 12:00 → 2026-03-12 12:00 → 48 h
    "T4,2026-03-09 12:00,C4,Web,West,delivery,late,low,open,2026-03-09 13:00,,yes",
    # closed or resolved: not open
    "T5,2026-03-10 08:00,C5,App,East,delivery,late,low,closed,2026-03-10 08:10,,no",
    "T6,2026-03-10 09:00,C6,App,East,delivery,late,low,open,2026-03-10 09:10,2026-03-10 12:00,no",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("open") / "w.duckdb"
    csv = path.with_name("tickets.csv")
    csv.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    ingest_file("complaints", csv, db=path)
    return path


def test_open_tickets_carry_the_clock_that_runs_for_them(db):
    frame = complaints.open_tickets(filters=Filters(), viewer=SYSTEM, db=db)
    left = dict(zip(frame["ticket_id"], frame["seconds_left"], strict=True))
    assert left == {"T2": -1800, "T1": 0, "T3": 18 * 3600, "T4": 48 * 3600}
    assert list(frame["ticket_id"]) == ["T2", "T1", "T3", "T4"]  # most urgent first
    waiting = dict(zip(frame["ticket_id"], frame["awaiting_response"], strict=True))
    assert waiting == {"T1": True, "T2": True, "T3": False, "T4": False}
    assert complaints.open_ticket_count(filters=Filters(), viewer=SYSTEM, db=db) == 4
    shown = complaints.open_tickets(filters=Filters(), viewer=SYSTEM, db=db, limit=2)
    assert list(shown["ticket_id"]) == ["T2", "T1"]


def test_a_department_head_gets_only_their_open_tickets(db):
    west = Viewer("w", "dept_head", (), ("West",))
    frame = complaints.open_tickets(filters=Filters(), viewer=west, db=db)
    assert sorted(frame["ticket_id"]) == ["T3", "T4"]
    assert complaints.open_ticket_count(filters=Filters(), viewer=west, db=db) == 2


def test_capped_lists_know_their_totals(db):
    everything = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert complaints.search_count("", filters=everything, viewer=SYSTEM, db=db) == 6
    assert complaints.search_count("T", filters=everything, viewer=SYSTEM, db=db) == 6
    found = complaints.search("", filters=everything, viewer=SYSTEM, db=db, limit=2)
    assert len(found) == 2
    cell = metrics.drill("delivery", by="region", col="East", filters=everything, viewer=SYSTEM,
                         db=db, limit=2)
    assert len(cell["complaints"]) == 2 and cell["complaints_total"] == 4  # T1 T2 T5 T6
    whole = metrics.drill("delivery", by="region", col="East", filters=everything,
                          viewer=SYSTEM, db=db)
    assert whole["complaints_total"] == len(whole["complaints"]) == 4
