"""Warehouse connections: one writer process at a time, many readers, schema migrations."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.config.settings import get_settings, resolve_db
from warehouse.storage import derived, sqlfiles

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

# DuckDB lets one process hold a database file for writing, and no reader may hold it then.
# Every process therefore takes an advisory lock on a sidecar file: shared for reads,
# exclusive for writes, and holds DuckDB open only while it holds that lock.
#
# Opening a file costs ~20 ms, so a process keeps one read-only handle open between reads
# (threads use cursors of it). A writer announces itself by a file in `<db>.writers/` before
# it waits for the exclusive lock; readers then close their cached handle, stop taking new
# shared locks until the writer is done, and reopen afterwards, so a load never starves
# behind an open dashboard and the dashboard sees the new data as soon as it lands.
_local_lock = threading.Condition()
_local_readers: dict[str, int] = {}
_local_writer: set[str] = set()
_open_locks: dict[str, threading.Lock] = {}
_IDLE_CLOSE_SECONDS = 20.0
_WATCH_INTERVAL = 0.05


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for too long."""


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


_readers: dict[str, _SharedReader] = {}
_watcher: threading.Thread | None = None


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


def _writers_dir(db: Path) -> Path:
    return db.with_name(db.name + ".writers")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _writers_waiting(db: Path) -> bool:
    """True while some live process has announced a write (stale announcements are removed)."""
    try:
        entries = list(os.scandir(_writers_dir(db)))
    except FileNotFoundError:
        return False
    waiting = False
    for entry in entries:
        pid = entry.name.split(".", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass
            continue
        waiting = True
    return waiting


@contextmanager
def _announce_writer(db: Path) -> Iterator[None]:
    folder = _writers_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f"{os.getpid()}.{threading.get_ident()}.{time.monotonic_ns()}"
    marker.touch()
    try:
        yield
    finally:
        try:
            marker.unlink()
        except FileNotFoundError:
            pass


def _flock(fd: int, mode: int, db: Path, on_wait, timeout: float, before_try=None) -> None:
    waited = False
    deadline = time.monotonic() + timeout
    while True:
        if before_try is None or before_try():
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
        if not waited and on_wait:
            on_wait(
                "waiting for another load to finish…"
                if mode == fcntl.LOCK_EX
                else "waiting for a load to finish…"
            )
        waited = True
        if time.monotonic() > deadline:
            raise WarehouseBusy(f"The warehouse {db} is busy with another load; try again in a moment.")
        time.sleep(0.02)


def _open_lock_fd(db: Path) -> int:
    db.parent.mkdir(parents=True, exist_ok=True)
    return os.open(_lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)


@contextmanager
def _process_lock(db: Path, exclusive: bool, on_wait: Callable[[str], None] | None, timeout: float):
    fd = _open_lock_fd(db)
    try:
        if exclusive:
            with _announce_writer(db):
                _flock(fd, fcntl.LOCK_EX, db, on_wait, timeout)
                try:
                    yield
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            # Writer preference: no new shared lock while a writer is waiting.
            _flock(fd, fcntl.LOCK_SH, db, on_wait, timeout, lambda: not _writers_waiting(db))
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _close_cached(key: str) -> None:
    """Close the cached reader of `key`; the caller holds _local_lock and no reader uses it."""
    reader = _readers.pop(key, None)
    if reader is not None:
        reader.close()


def _watch() -> None:
    """Close cached readers when a writer waits or they sit idle (releases the shared lock)."""
    while True:
        time.sleep(_WATCH_INTERVAL)
        with _local_lock:
            for key in list(_readers):
                if _local_readers.get(key):
                    continue
                idle = time.monotonic() - _readers[key].last_used > _IDLE_CLOSE_SECONDS
                if idle or _writers_waiting(Path(key)):
                    _close_cached(key)
                    _local_lock.notify_all()


def _ensure_watcher() -> None:
    global _watcher
    if _watcher is None or not _watcher.is_alive():
        _watcher = threading.Thread(target=_watch, name="warehouse-reader-watch", daemon=True)
        _watcher.start()


def _shared_reader(path: Path, on_wait, timeout: float) -> _SharedReader | None:
    """The process's cached read-only handle, opened on demand; None while a writer waits."""
    key = str(path)
    with _local_lock:
        lock = _open_locks.setdefault(key, threading.Lock())
    with lock:
        with _local_lock:
            reader = _readers.get(key)
        if reader is not None:
            return reader
        if _writers_waiting(path):
            return None
        fd = _open_lock_fd(path)
        try:
            _flock(fd, fcntl.LOCK_SH, path, on_wait, timeout, lambda: not _writers_waiting(path))
            con = _open(path, read_only=True)
        except BaseException:
            os.close(fd)
            raise
        reader = _SharedReader(fd, con)
        with _local_lock:
            _readers[key] = reader
        _ensure_watcher()
        return reader


@contextmanager
def _thread_lock(key: str, exclusive: bool) -> Iterator[None]:
    with _local_lock:
        if exclusive:
            _local_lock.wait_for(lambda: key not in _local_writer and not _local_readers.get(key))
            _local_writer.add(key)
            _close_cached(key)
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
    from warehouse.engines.lake import add_views

    con = duckdb.connect()
    sqlfiles.execute(con, "lake/attach_warehouse.sql", {"path": str(db)})
    served = set(add_views(con, marts))
    for row in sqlfiles.rows(con, "lake/warehouse_tables.sql"):
        if row["name"] not in served:
            con.table(f"warehouse.main.{row['name']}").create_view(row["name"], replace=True)
    return con


# Files this process has seen at the latest schema version (checked once per file).
_up_to_date: set[str] = set()


def _behind(path: Path, on_wait, timeout: float) -> bool:
    """Whether the file's schema is older than this version's migrations."""
    with _process_lock(path, False, on_wait, timeout):
        con = duckdb.connect(str(path), read_only=True)
        try:
            return schema_version(con) < latest_version()
        finally:
            con.close()


def _read_cache_enabled() -> bool:
    return os.environ.get("CXRISK_READ_CACHE", "1").strip() not in ("0", "false", "no")


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
    warehouse), so every page works on a fresh machine. Reads share the process's cached
    read-only handle (a cursor per call); close nothing you get here yourself.
    """
    path = resolve_db(db).resolve()
    key = str(path)
    # A missing file is created, and one an older version wrote is upgraded (checked on this
    # process's first read of it): readers never migrate, and a page must not read an old schema.
    if not write and (
        not path.exists() or (key not in _up_to_date and _behind(path, on_wait, timeout))
    ):
        with connect(path, write=True, on_wait=on_wait, timeout=timeout):
            pass
    if not write:
        _up_to_date.add(key)
    if write:
        with _thread_lock(key, True), _process_lock(path, True, on_wait, timeout):
            con = _open(path, read_only=False)
            try:
                migrate(con)
                yield con
            finally:
                con.close()
        return
    with _thread_lock(key, False):
        reader = _shared_reader(path, on_wait, timeout) if _read_cache_enabled() else None
        if reader is None:
            with _process_lock(path, False, on_wait, timeout):
                con = _open(path, read_only=True)
                try:
                    yield con
                finally:
                    con.close()
            return
        cursor = reader.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            reader.last_used = time.monotonic()


# How far back warm() reads: a year and the periods before the usual date ranges.
WARM_DAYS = 400


def warm(db: str | os.PathLike | None = None) -> bool:
    """Have this process's cached read handle hold the blocks the pages read, in memory.

    DuckDB reads a column's blocks from the file the first time a query needs them, which made
    the first look at each date range up to twice as slow as the next. This reads the newest
    WARM_DAYS days of the columns the pages filter and count on (marts/warm.sql) once per handle:
    the dashboard starts it in the background when it opens the warehouse. Returns whether it
    read anything (False: this handle is warm already, or reads are not cached).
    """
    if not _read_cache_enabled():
        return False
    path = resolve_db(db).resolve()
    with connect(path) as con:
        reader = _readers.get(str(path))
        if reader is None or reader.warmed:
            return False
        with reader.warm_lock:
            if reader.warmed:
                return False
            sqlfiles.execute(con, "marts/warm.sql", {"days": WARM_DAYS}).fetchall()
            reader.warmed = True
    return True


def warm_in_background(db: str | os.PathLike | None = None) -> None:
    """warm() on a daemon thread, unless the handle is warm or being warmed already (the
    dashboard asks on every rerun of a page: this is a lookup then, nothing more)."""
    if not _read_cache_enabled():
        return
    reader = _readers.get(str(resolve_db(db).resolve()))
    if reader is not None and (reader.warmed or reader.warm_lock.locked()):
        return
    threading.Thread(target=_warm_quietly, args=(db,), name="warehouse-warm", daemon=True).start()


def _warm_quietly(db) -> None:
    # a writer took the file, or it went away: nothing is lost, the next handle warms again
    with contextlib.suppress(duckdb.Error, OSError, WarehouseBusy):
        warm(db)


def close_cached_readers(wait: bool = True) -> None:
    """Release every cached read handle of this process (tests and shutdown)."""
    with _local_lock:
        if wait:
            _local_lock.wait_for(lambda: not any(_local_readers.values()))
        for key in list(_readers):
            _close_cached(key)


atexit.register(close_cached_readers, wait=False)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchone()[0]


# A migration that changes what the derived tables hold says so on a line of its own; the
# derived tables are then rebuilt from the stored rows before the last migration commits.
DERIVE = "-- @derive"


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration newer than the file's version, each in its own transaction."""
    current = schema_version(con)
    pending = [(version, path) for version, path in migrations() if version > current]
    applied = []
    derive = False
    for version, path in pending:
        text = path.read_text(encoding="utf-8")
        derive = derive or any(line.strip() == DERIVE for line in text.splitlines())
        con.execute("begin transaction")
        try:
            con.execute(sqlfiles.expand(text))
            if derive and version == pending[-1][0]:
                derived.refresh_all(con)
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
