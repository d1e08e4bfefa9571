"""This process's cached read-only handles: opened on demand, closed when idle or a writer waits."""

from __future__ import annotations

import atexit
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.config.settings import get_settings
from warehouse.storage.locking import flock, open_lock_fd, writers_waiting

# Threads of this process: readers share a handle (a cursor each), a writer waits for them.
_local_lock = threading.Condition()
_local_readers: dict[str, int] = {}
_local_writer: set[str] = set()
_open_locks: dict[str, threading.Lock] = {}
_IDLE_CLOSE_SECONDS = 20.0
_WATCH_INTERVAL = 0.05


class _SharedReader:
    """A cached read-only handle and the shared lock that protects it."""

    def __init__(self, fd: int, con: duckdb.DuckDBPyConnection) -> None:
        self.fd = fd
        self.con = con
        self.last_used = time.monotonic()
        self.warm_lock = threading.Lock()
        self.warmed = False

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)


readers: dict[str, _SharedReader] = {}
_watcher: threading.Thread | None = None


def close_cached(key: str) -> None:
    """Close the cached reader of `key`; the caller holds _local_lock and no reader uses it."""
    reader = readers.pop(key, None)
    if reader is not None:
        reader.close()


def _watch() -> None:
    """Close cached readers when a writer waits or they sit idle (releases the shared lock)."""
    while True:
        time.sleep(_WATCH_INTERVAL)
        with _local_lock:
            for key in list(readers):
                if _local_readers.get(key):
                    continue
                idle = time.monotonic() - readers[key].last_used > _IDLE_CLOSE_SECONDS
                if idle or writers_waiting(Path(key)):
                    close_cached(key)
                    _local_lock.notify_all()


def _ensure_watcher() -> None:
    global _watcher
    if _watcher is None or not _watcher.is_alive():
        _watcher = threading.Thread(target=_watch, name="warehouse-reader-watch", daemon=True)
        _watcher.start()


def shared_reader(path: Path, on_wait, timeout: float) -> _SharedReader | None:
    """The process's cached read-only handle, opened on demand; None while a writer waits."""
    key = str(path)
    with _local_lock:
        lock = _open_locks.setdefault(key, threading.Lock())
    with lock:
        with _local_lock:
            reader = readers.get(key)
        if reader is not None:
            return reader
        if writers_waiting(path):
            return None
        fd = open_lock_fd(path)
        try:
            flock(fd, fcntl.LOCK_SH, path, on_wait, timeout, lambda: not writers_waiting(path))
            con = open_file(path, read_only=True)
        except BaseException:
            os.close(fd)
            raise
        reader = _SharedReader(fd, con)
        with _local_lock:
            readers[key] = reader
        _ensure_watcher()
        return reader


@contextmanager
def thread_lock(key: str, exclusive: bool) -> Iterator[None]:
    with _local_lock:
        if exclusive:
            _local_lock.wait_for(lambda: key not in _local_writer and not _local_readers.get(key))
            _local_writer.add(key)
            close_cached(key)
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


def open_file(db: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    marts = get_settings().marts_dir if read_only else None
    # Default configuration, so a test's own read-only connection to the file can coexist.
    con = _open_marts(db, marts) if marts else duckdb.connect(str(db), read_only=read_only)
    # DuckDB turns each list_contains($list, x) into a join while planning; the lists here are a
    # few values, so that only made planning slower (SLA by severity: 10 ms of planning to 6).
    con.execute("set disabled_optimizers = 'in_clause'")
    # Long loads and upgrades would draw DuckDB's progress bar on stdout, where the commands print
    # their own result (`--json`: the last line).
    con.execute("set enable_progress_bar = false")
    return con


def _open_marts(db: Path, marts: Path) -> duckdb.DuckDBPyConnection:
    """Reads served from marts (CXRISK_MARTS, `python -m warehouse marts build`): an in-memory
    database with a view per table, reading the marts' Parquet for the tables they hold and the
    warehouse file, attached read-only, for the rest (accounts, settings, rules, alerts). Views,
    not a search path, so that the cursors of this handle see them too."""
    from warehouse.lake.views import add_views
    from warehouse.storage import sqlfiles

    con = duckdb.connect()
    sqlfiles.execute(con, "lake/attach_warehouse.sql", {"path": str(db)})
    served = set(add_views(con, marts))
    for row in sqlfiles.rows(con, "lake/warehouse_tables.sql"):
        if row["name"] not in served:
            con.table(f"warehouse.main.{row['name']}").create_view(row["name"], replace=True)
    return con


def read_cache_enabled() -> bool:
    return get_settings().read_cache


def close_cached_readers(wait: bool = True) -> None:
    """Release every cached read handle of this process (tests and shutdown)."""
    with _local_lock:
        if wait:
            _local_lock.wait_for(lambda: not any(_local_readers.values()))
        for key in list(readers):
            close_cached(key)


atexit.register(close_cached_readers, wait=False)
