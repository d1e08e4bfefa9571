"""The warehouse connection layer: migrations, the cached read handle and writer preference."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.storage import db as wdb
from warehouse.storage import locking, readers, schema, warm

ROOT = Path(__file__).resolve().parents[2]

WRITE_ONE_ROW = """
import sys
from warehouse.storage.db import connect
with connect(sys.argv[1], write=True, on_wait=lambda m: print(m, flush=True)) as con:
    con.execute(
        "insert into complaints (ticket_id, created_at, batch_id, first_batch_id) "
        "values (?, now()::timestamp, 1, 1)", [sys.argv[2]])
"""


@pytest.fixture
def cached(monkeypatch):
    monkeypatch.setenv("CXRISK_READ_CACHE", "1")
    yield
    readers.close_cached_readers()


def _count(path: Path) -> int:
    with wdb.connect(path) as con:
        return con.execute("select count(*) from complaints").fetchone()[0]


def test_fresh_file_is_created_at_the_latest_schema_version(tmp_db):
    with wdb.connect(tmp_db) as con:
        assert schema.schema_version(con) == schema.latest_version()
    versions = [v for v, _ in schema.migrations()]
    assert versions == sorted(set(versions)), "migration numbers must be unique and ordered"


def test_cached_reads_reuse_one_handle(tmp_db, cached):
    _count(tmp_db)
    first = readers.readers[str(tmp_db.resolve())]
    _count(tmp_db)
    assert readers.readers[str(tmp_db.resolve())] is first


def test_a_writer_in_another_process_gets_through_and_readers_see_its_rows(tmp_db, cached):
    assert _count(tmp_db) == 0  # this process now holds a cached shared lock
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", WRITE_ONE_ROW, str(tmp_db), "T-1"],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 90  # far below the 600 s a blocked writer would wait
    assert _count(tmp_db) == 1


def test_an_in_process_writer_closes_the_cached_handle_first(tmp_db, cached):
    assert _count(tmp_db) == 0
    with wdb.connect(tmp_db, write=True) as con:
        con.execute(
            "insert into complaints (ticket_id, created_at, batch_id, first_batch_id) "
            "values ('T-2', now()::timestamp, 1, 1)"
        )
    assert _count(tmp_db) == 1


def test_readers_do_not_starve_a_waiting_writer(tmp_db, cached):
    """Threads reading in a loop must let a writer from another process in."""
    _count(tmp_db)
    stop = threading.Event()

    def keep_reading():
        while not stop.is_set():
            _count(tmp_db)

    readers = [threading.Thread(target=keep_reading) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        result = subprocess.run(
            [sys.executable, "-c", WRITE_ONE_ROW, str(tmp_db), "T-3"],
            check=False, cwd=ROOT, capture_output=True, text=True, timeout=180,
        )
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert result.returncode == 0, result.stderr
    assert _count(tmp_db) == 1


def test_a_killed_writer_leaves_no_lasting_announcement(tmp_db, cached):
    folder = locking._writers_dir(tmp_db.resolve())
    folder.mkdir(parents=True, exist_ok=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (folder / f"{dead}.1.1").touch()
    assert _count(tmp_db) == 0
    assert not locking.writers_waiting(tmp_db.resolve())
    assert list(folder.iterdir()) == []


def test_without_the_cache_each_read_releases_the_file(tmp_db, monkeypatch):
    monkeypatch.setenv("CXRISK_READ_CACHE", "0")
    _count(tmp_db)
    con = duckdb.connect(str(tmp_db))  # a read-write handle is possible only if nobody holds it
    con.close()


def _table_memory(path: Path) -> int:
    """Bytes of table blocks the cached handle holds in memory."""
    with wdb.connect(path) as con:
        return con.execute(
            "select coalesce(sum(memory_usage_bytes), 0) from duckdb_memory() "
            "where tag = 'BASE_TABLE'").fetchone()[0]


def _fill(path: Path, rows: int) -> None:
    with wdb.connect(path, write=True) as con:
        con.execute("""
            insert into complaints (ticket_id, created_at, channel, region, severity, status,
                                    first_response_at, resolved_at, batch_id, first_batch_id)
            select 'T' || i, timestamp '2026-06-30' - to_seconds(i * 7),
                   ['App', 'Web'][1 + i % 2], ['North', 'South', 'East'][1 + i % 3],
                   ['low', 'high', 'urgent'][1 + i % 3 // 2 + i % 2],
                   ['open', 'resolved', 'closed'][1 + (hash(i) % 3)::bigint],
                   timestamp '2026-06-30' - to_seconds(i * 7 - (hash(i) % 9000)::bigint),
                   timestamp '2026-06-30' - to_seconds(i * 7 - (hash(i * 3) % 200000)::bigint), 1, 1
            from range(?) as r(i)
        """, [rows])


def _kpis(path: Path) -> dict:
    from datetime import date

    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.kpi.metrics import kpi_summary

    june = Filters(start=date(2026, 6, 1), end=date(2026, 6, 30))
    return kpi_summary(filters=june, viewer=SYSTEM, db=path)


def test_warm_reads_what_the_kpis_need_once_per_handle(tmp_db, cached):
    _fill(tmp_db, 300_000)  # about 24 days of tickets, several row groups
    cold = _table_memory(tmp_db)
    assert warm.warm(tmp_db) is True
    warmed = _table_memory(tmp_db)
    assert warmed > cold
    assert warm.warm(tmp_db) is False  # the same handle: nothing more to read
    _kpis(tmp_db)
    assert _table_memory(tmp_db) == warmed  # the KPI read found every block in memory
    _fill(tmp_db, 10)  # a write closes the handle; the next one starts cold …
    cold = _table_memory(tmp_db)
    _kpis(tmp_db)
    assert _table_memory(tmp_db) > cold  # … and reads blocks from the file
    assert warm.warm(tmp_db) is True


def test_warm_without_the_cache_reads_nothing(tmp_db, monkeypatch):
    monkeypatch.setenv("CXRISK_READ_CACHE", "0")
    _fill(tmp_db, 10)
    assert warm.warm(tmp_db) is False


def test_a_reader_upgrades_a_file_an_older_version_wrote(tmp_db):
    with wdb.connect(tmp_db, write=True) as con:
        con.execute(
            "insert into complaints (ticket_id, created_at, batch_id, first_batch_id) "
            "values ('T-1', now()::timestamp, 1, 1)")
        # as if the file came from a version without the newest migration
        con.execute("delete from schema_version where version = ?", [schema.latest_version()])
    wdb._up_to_date.discard(str(tmp_db.resolve()))  # this process has not read it yet
    assert _count(tmp_db) == 1  # the first read upgrades it, rows kept
    raw = duckdb.connect(str(tmp_db), read_only=True)
    try:
        assert schema.schema_version(raw) == schema.latest_version()
    finally:
        raw.close()
