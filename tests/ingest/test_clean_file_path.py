"""The clean-file path loads exactly what the full path loads; anything unclean takes the full path."""

from __future__ import annotations

import duckdb
import pytest

import pipelines.stager as stager_module
from pipelines.errors import IngestError
from pipelines.ingest import ingest_file, undo_batch

HEADER = "ticket_id,created_at,channel,region,escalated,compensation_amount,description,Note\n"
ROWS = [
    "T1,2025-03-01 10:00:00,app, East ,yes,1.5,\"late, again\",n1\n",
    "T2,2025-03-02,web,华东,no,,退款慢,\n",
    "T3,2025-03-03T11:30:00,  ,West,,  12 ,plain,n3\n",
    "T4,2025-03-04 23:59,store,North,1,1e3,x,\n",
]
ROWS_SQL = ("select ticket_id, created_at::varchar, source_tz, channel, region, escalated, "
            "compensation_amount, description, missing, extra::varchar from complaints order by ticket_id")


@pytest.fixture
def paths(monkeypatch):
    """Which path each load took: True for the clean-file path."""
    taken = []
    real = stager_module.Stager._fast

    def spy(self, *args, **kwargs):
        staged = real(self, *args, **kwargs)
        taken.append(staged is not None)
        return staged

    monkeypatch.setattr(stager_module.Stager, "_fast", spy)
    return taken


def rows(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(ROWS_SQL).fetchall()
    finally:
        con.close()


def test_clean_file_matches_the_full_path(tmp_path, paths):
    clean = tmp_path / "clean.csv"
    clean.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    # One unreadable date sends the same rows down the full path (and is rejected there).
    messy = tmp_path / "messy.csv"
    messy.write_text(HEADER + "".join(ROWS) + "T5,not a date,app,East,no,1,x,\n", encoding="utf-8")
    fast = ingest_file("complaints", clean, db=tmp_path / "a.duckdb")
    full = ingest_file("complaints", messy, db=tmp_path / "b.duckdb")
    assert paths == [True, False]
    assert (fast.rows_read, fast.rows_loaded, fast.rows_rejected) == (4, 4, 0)
    assert (full.rows_read, full.rows_loaded, full.rows_rejected) == (5, 4, 1)
    got = rows(tmp_path / "a.duckdb")
    assert got == rows(tmp_path / "b.duckdb")
    by_id = {r[0]: r for r in got}
    # Hand-checked: Asia/Shanghai is UTC+8; a date without a time stays that calendar day.
    assert by_id["T1"][1:5] == ("2025-03-01 02:00:00", "Asia/Shanghai", "app", "East")
    assert by_id["T2"][1] == "2025-03-02 00:00:00"
    assert by_id["T3"][1] == "2025-03-03 03:30:00"
    assert by_id["T3"][3] is None and by_id["T3"][6] == 12.0
    assert by_id["T4"][5] is True and by_id["T4"][6] == 1000.0
    assert by_id["T2"][8] == ["compensation_amount"] and by_id["T1"][8] == []
    assert by_id["T1"][9] == '{"Note":"n1"}' and by_id["T2"][9] is None


@pytest.mark.parametrize("extra_row, loaded, repeated", [
    ("T1,2025-03-09 10:00:00,web,East,no,2,later,\n", 4, 1),   # repeated key: the first row is kept
    ("T9,07/03/2025 10:00,web,East,no,2,x,\n", 5, 0),          # a date only the slow path reads
    ("T9,2025-03-09,web,East,no,\"1,234\",x,\n", 5, 0),        # a number with a separator
    ("T9,2025-03-09,web,East,no,2,x\n", 4, 0),                 # too few fields: rejected
    ("T9,2025-03-09,-,East,no,2,x,\n", 5, 0),                  # a placeholder: its text is kept
    # a quote never closed on the last lines: refused, naming the line (it would swallow T11)
    ("T10,2025-03-09,web,East,no,2,\"x,\nT11,2025-03-09,web,East,no,2,y,\n", 4, 0),
])
def test_unclean_files_take_the_full_path(tmp_path, paths, extra_row, loaded, repeated):
    path = tmp_path / "f.csv"
    path.write_text(HEADER + "".join(ROWS) + extra_row, encoding="utf-8")
    if '"x' in extra_row:
        with pytest.raises(IngestError, match="Line 6 opens a quoted value .* lines 6–7"):
            ingest_file("complaints", path, db=tmp_path / "w.duckdb", dayfirst=True)
        assert paths == [False]
        return
    result = ingest_file("complaints", path, db=tmp_path / "w.duckdb", dayfirst=True, allow_duplicates=True)
    assert paths == [False]
    assert (result.rows_loaded, result.rows_duplicate, result.rows_duplicate_in_file) == (loaded, 0, repeated)


def test_reload_update_and_undo_after_clean_loads(tmp_path, paths):
    db = tmp_path / "w.duckdb"
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(HEADER + ROWS[0] + ROWS[1].replace(",no,,", ",no,7,") + "T6,2025-03-06,app,East,no,1,y,\n",
                      encoding="utf-8")
    ingest_file("complaints", first, db=db)
    before = rows(db)
    again = ingest_file("complaints", first, db=db)
    assert (again.rows_loaded, again.rows_updated, again.rows_duplicate) == (0, 0, 4)
    changed = ingest_file("complaints", second, db=db)
    assert paths == [True, True, True]
    assert (changed.rows_loaded, changed.rows_updated, changed.rows_duplicate) == (1, 1, 1)
    assert {r[0]: r[6] for r in rows(db)}["T2"] == 7.0
    undo_batch(changed.batch_id, db=db)
    assert rows(db) == before
