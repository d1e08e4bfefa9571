"""Warm-up: the newest days of the columns the pages read, loaded once per cached read handle."""

from __future__ import annotations

import contextlib
import os
import threading

import duckdb

from warehouse.config.settings import resolve_db
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.locking import WarehouseBusy
from warehouse.storage.readers import read_cache_enabled, readers

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
    if not read_cache_enabled():
        return False
    path = resolve_db(db).resolve()
    with connect(path) as con:
        reader = readers.get(str(path))
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
    if not read_cache_enabled():
        return
    reader = readers.get(str(resolve_db(db).resolve()))
    if reader is not None and (reader.warmed or reader.warm_lock.locked()):
        return
    threading.Thread(target=_warm_quietly, args=(db,), name="warehouse-warm", daemon=True).start()


def _warm_quietly(db) -> None:
    # a writer took the file, or it went away: nothing is lost, the next handle warms again
    with contextlib.suppress(duckdb.Error, OSError, WarehouseBusy):
        warm(db)
