"""The cross-process protocol: a shared lock for reads, an exclusive one for writes, writers first."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# DuckDB lets one process hold a database file for writing, and no reader may hold it then.
# Every process therefore takes an advisory lock on a sidecar file: shared for reads,
# exclusive for writes, and holds DuckDB open only while it holds that lock.
#
# (readers.py keeps the cached handles.) Opening a file costs ~20 ms, so a process keeps one read-only handle open between reads
# (threads use cursors of it). A writer announces itself by a file in `<db>.writers/` before
# it waits for the exclusive lock; readers then close their cached handle, stop taking new
# shared locks until the writer is done, and reopen afterwards, so a load never starves
# behind an open dashboard and the dashboard sees the new data as soon as it lands.


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for too long."""


def _lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def _writers_dir(db: Path) -> Path:
    return db.with_name(db.name + ".writers")


def pid_alive(pid: int) -> bool:
    """Whether process PID still runs on this machine (signal 0 probes without signalling)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def writers_waiting(db: Path) -> bool:
    """True while some live process has announced a write (stale announcements are removed)."""
    try:
        entries = list(os.scandir(_writers_dir(db)))
    except FileNotFoundError:
        return False
    waiting = False
    for entry in entries:
        pid = entry.name.split(".", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
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


def flock(fd: int, mode: int, db: Path, on_wait, timeout: float, before_try=None) -> None:
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


def open_lock_fd(db: Path) -> int:
    db.parent.mkdir(parents=True, exist_ok=True)
    return os.open(_lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)


@contextmanager
def process_lock(db: Path, exclusive: bool, on_wait: Callable[[str], None] | None, timeout: float):
    fd = open_lock_fd(db)
    try:
        if exclusive:
            with _announce_writer(db):
                flock(fd, fcntl.LOCK_EX, db, on_wait, timeout)
                try:
                    yield
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            # Writer preference: no new shared lock while a writer is waiting.
            flock(fd, fcntl.LOCK_SH, db, on_wait, timeout, lambda: not writers_waiting(db))
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
