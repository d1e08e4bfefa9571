"""Warehouse connections: one writer process at a time, many readers, schema migrations."""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.settings import resolve_db

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

# DuckDB lets one process hold a database file for writing, and no reader may hold it then.
# Every process therefore takes an advisory lock on a sidecar file: shared for reads,
# exclusive for writes, and opens DuckDB only while it holds that lock. Inside one process a
# readers-writer lock keeps a read-only and a read-write handle from coexisting.
_local_lock = threading.Condition()
_local_readers: dict[str, int] = {}
_local_writer: set[str] = set()


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for too long."""


def migrations() -> list[tuple[int, Path]]:
    """Numbered migration files in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def latest_version() -> int:
    return migrations()[-1][0]


def _lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextmanager
def _process_lock(db: Path, exclusive: bool, on_wait: Callable[[str], None] | None, timeout: float):
    db.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(_lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait("waiting for another load to finish…" if exclusive else "waiting for a load to finish…")
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WarehouseBusy(
                            f"The warehouse {db} is busy with another load; try again in a moment."
                        ) from None
                    time.sleep(0.05)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def _thread_lock(key: str, exclusive: bool) -> Iterator[None]:
    with _local_lock:
        if exclusive:
            _local_lock.wait_for(lambda: key not in _local_writer and not _local_readers.get(key))
            _local_writer.add(key)
        else:
            _local_lock.wait_for(lambda: key not in _local_writer)
            _local_readers[key] = _local_readers.get(key, 0) + 1
    try:
        yield
    finally:
        with _local_lock:
            if exclusive:
                _local_writer.discard(key)
            else:
                _local_readers[key] -= 1
            _local_lock.notify_all()


def _open(db: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db), read_only=read_only, config={"threads": os.cpu_count() or 2})


@contextmanager
def connect(
    db: str | os.PathLike | None = None,
    *,
    write: bool = False,
    on_wait: Callable[[str], None] | None = None,
    timeout: float = 600.0,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one unit of work; writers also get the schema brought up to date.

    Readers of a file that does not exist yet get it created first (an empty, migrated
    warehouse), so every page works on a fresh machine.
    """
    path = resolve_db(db).resolve()
    if not write and not path.exists():
        with connect(path, write=True, on_wait=on_wait, timeout=timeout):
            pass
    key = str(path)
    with _thread_lock(key, write), _process_lock(path, write, on_wait, timeout):
        con = _open(path, read_only=not write)
        try:
            if write:
                migrate(con)
            yield con
        finally:
            con.close()


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration newer than the file's version, each in its own transaction."""
    current = schema_version(con)
    applied = []
    for version, path in migrations():
        if version <= current:
            continue
        con.execute("begin transaction")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "create table if not exists schema_version (version integer primary key, applied_at timestamp)"
            )
            con.execute("insert into schema_version values (?, now()::timestamp)", [version])
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(version)
    return applied


def ensure_warehouse(db: str | os.PathLike | None = None) -> Path:
    """Create or upgrade the warehouse file and return its path."""
    path = resolve_db(db)
    with connect(path, write=True):
        pass
    return path
