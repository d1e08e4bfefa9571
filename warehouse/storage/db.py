"""Warehouse connections: one unit of work at a time, readers on the cached handle, writers migrate."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.config.settings import resolve_db
from warehouse.storage.locking import WarehouseBusy, process_lock
from warehouse.storage.readers import (
    open_file,
    read_cache_enabled,
    shared_reader,
    thread_lock,
)
from warehouse.storage.schema import latest_version, migrate, schema_version

__all__ = ["WarehouseBusy", "connect", "ensure_warehouse"]

# Files this process has seen at the latest schema version (checked once per file).
_up_to_date: set[str] = set()


def _behind(path: Path, on_wait, timeout: float) -> bool:
    """Whether the file's schema is older than this version's migrations."""
    with process_lock(path, False, on_wait, timeout):
        con = duckdb.connect(str(path), read_only=True)
        try:
            return schema_version(con) < latest_version()
        finally:
            con.close()


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
        with thread_lock(key, True), process_lock(path, True, on_wait, timeout):
            con = open_file(path, read_only=False)
            try:
                migrate(con)
                yield con
            finally:
                con.close()
        return
    with thread_lock(key, False):
        reader = shared_reader(path, on_wait, timeout) if read_cache_enabled() else None
        if reader is None:
            with process_lock(path, False, on_wait, timeout):
                con = open_file(path, read_only=True)
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


def ensure_warehouse(db: str | os.PathLike | None = None) -> Path:
    """Create or upgrade the warehouse file and return its path."""
    path = resolve_db(db)
    with connect(path, write=True):
        pass
    return path
