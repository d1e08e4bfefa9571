"""complaint_repeats, kept by every load and undo, against an independent computation.

It holds each repeat ticket (the same customer's previous ticket in the same category, in any
channel or region, at most 30 days before) with that previous ticket's time. Each check
recomputes it with plain Python from the rows in the warehouse, and the repeat rate by hand.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from pipelines.ingest import ingest_file, undo_batch
from warehouse.access.scope import SYSTEM, Filters, Viewer
from warehouse.kpi import metrics
from warehouse.storage import derived
from warehouse.storage.db import connect
from warehouse.storage.schema import migrations

HEADER = ["ticket_id", "created_at", "customer_id", "channel", "region", "category"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _stored(db: Path) -> dict[str, datetime | None]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tickets = [r[0] for r in con.execute("select ticket_id from complaints").fetchall()]
        stored = dict(con.execute("select ticket_id, previous_at from complaint_repeats").fetchall())
        assert len(stored) == con.execute("select count(*) from complaint_repeats").fetchone()[0]
        return {ticket: stored.get(ticket) for ticket in tickets}
    finally:
        con.close()


def _created(db: Path) -> dict[str, datetime]:
    """Each ticket's stored created_at (UTC; the files are written in the configured zone)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("select ticket_id, created_at from complaints").fetchall())
    finally:
        con.close()


def _expected(db: Path) -> dict[str, datetime | None]:
    """The previous ticket per (customer, category) worked out in Python from the stored rows,
    kept where it is at most 30 days (30 × 24 h) before the ticket."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("select ticket_id, created_at, customer_id, category from complaints"
                           ).fetchall()
    finally:
        con.close()
    last: dict[tuple[str, str], datetime] = {}
    expected = {}
    for ticket, created, customer, category in sorted(rows, key=lambda r: (r[1], r[0])):
        key = ((customer or "").strip(), (category or "").strip().lower())
        if not key[0] or not key[1]:
            expected[ticket] = None
            continue
        previous = last.get(key)
        within = previous is not None and created - previous <= timedelta(days=30)
        expected[ticket] = previous if within else None
        last[key] = created
    return expected


FIRST = [
    ["T1", "2025-06-01 09:00", "C1", "App", "North", "Refund"],
    ["T2", "2025-06-20 09:00", "C1", "Web", "South", "refund "],  # same pair, other channel
    ["T3", "2025-06-05 09:00", "C2", "App", "North", "Delivery"],
    ["T4", "2025-08-01 09:00", "C2", "App", "North", "Delivery"],  # 57 days later: not a repeat
    ["T5", "2025-06-02 09:00", "", "App", "North", "Refund"],  # no customer: cannot repeat
    ["T6", "2025-06-03 09:00", "C3", "App", "North", ""],  # no category: cannot repeat
]


def test_load_stores_the_previous_ticket_of_the_same_pair(tmp_path, tmp_db):
    ingest_file("complaints", _write(tmp_path / "a.csv", FIRST), db=tmp_db)
    stored = _stored(tmp_db)
    assert stored == _expected(tmp_db)
    created = _created(tmp_db)
    assert stored["T2"] == created["T1"]
    assert stored["T4"] is None  # T3 is 57 days before it: not a repeat, not stored
    assert stored["T1"] is None and stored["T5"] is None and stored["T6"] is None


def test_a_later_load_and_its_undo_recompute_earlier_tickets(tmp_path, tmp_db):
    ingest_file("complaints", _write(tmp_path / "a.csv", FIRST), db=tmp_db)
    before = _stored(tmp_db)
    # T7 lands between T3 and T4; T2 moves to another customer (a changed row).
    second = ingest_file("complaints", _write(tmp_path / "b.csv", [
        ["T7", "2025-07-15 09:00", "C2", "Phone", "East", "delivery"],
        ["T2", "2025-06-20 09:00", "C9", "Web", "South", "refund "],
    ]), db=tmp_db)
    stored = _stored(tmp_db)
    assert stored == _expected(tmp_db)
    assert stored["T4"] == _created(tmp_db)["T7"]  # now T7, not T3
    assert stored["T2"] is None  # C9's first refund complaint
    undo_batch(second.batch_id, db=tmp_db)
    assert _stored(tmp_db) == before


def test_a_load_of_new_tickets_only_updates_the_tickets_after_them(tmp_path, tmp_db):
    # every key new: the load writes the values with the insert, and fixes T4 (now after T7)
    ingest_file("complaints", _write(tmp_path / "a.csv", FIRST), db=tmp_db)
    new = ingest_file("complaints", _write(tmp_path / "b.csv", [
        ["T7", "2025-07-15 09:00", "C2", "Phone", "East", "delivery"],
        ["T8", "2025-06-25 09:00", "C1", "App", "North", "REFUND"],
    ]), db=tmp_db)
    assert (new.rows_loaded, new.rows_updated) == (2, 0)
    stored, created = _stored(tmp_db), _created(tmp_db)
    assert stored == _expected(tmp_db)
    assert stored["T4"] == created["T7"]  # 17 days
    assert stored["T7"] is None  # T3 is 40 days before it
    assert stored["T8"] == created["T2"]


def test_repeat_rate_reads_the_stored_value(tmp_path, tmp_db):
    ingest_file("complaints", _write(tmp_path / "a.csv", FIRST), db=tmp_db)
    june_july = Filters(start=date(2025, 6, 1), end=date(2025, 8, 31))
    kpis = metrics.kpi_summary(filters=june_july, viewer=SYSTEM, db=tmp_db)
    # six tickets, one repeat (T2, 19 days after T1)
    assert kpis["repeat_rate_pct"]["value"] == 100 / 6
    assert kpis["repeat_rate_pct"]["n"] == 6


def test_dept_head_counts_only_earlier_tickets_in_scope(tmp_path, tmp_db):
    ingest_file("complaints", _write(tmp_path / "a.csv", FIRST), db=tmp_db)
    june_july = Filters(start=date(2025, 6, 1), end=date(2025, 8, 31))
    south = Viewer("south_head", "dept_head", regions=("south",))
    head = metrics.kpi_summary(filters=june_july, viewer=south, db=tmp_db)
    # South sees T2 only; its earlier refund (T1) is in the North: not a repeat for them
    assert head["complaints"]["value"] == 1
    assert head["repeat_rate_pct"]["value"] == 0.0
    admin = metrics.kpi_summary(filters=june_july.with_(region=("south",)), viewer=SYSTEM,
                                db=tmp_db)
    assert admin["repeat_rate_pct"]["value"] == 100.0  # the admin sees the whole history


def test_upgrade_fills_in_tickets_loaded_before(tmp_path, tmp_db):
    ingest_file("complaints", _write(tmp_path / "a.csv", FIRST), db=tmp_db)
    with connect(tmp_db, write=True) as con:  # what tests and benchmarks writing rows call
        con.execute("delete from complaint_repeats")
        derived.refresh_all(con)
    assert _stored(tmp_db) == _expected(tmp_db)
    with connect(tmp_db, write=True) as con:  # back to the schema before migration 005
        for version, path in migrations():
            if version >= 5:
                made = re.findall(r"create (table|sequence) (?:if not exists )?(\w+)",
                                  path.read_text(encoding="utf-8"))
                for kind, name in reversed(made):
                    con.execute(f"drop {kind} if exists {name}")
        con.execute("delete from schema_version where version >= 5")
    with connect(tmp_db, write=True):  # migrates
        pass
    assert _stored(tmp_db) == _expected(tmp_db)
    assert _stored(tmp_db)["T2"] == _created(tmp_db)["T1"]
