"""The small SQLite file beside the warehouse for sessions and sign-in throttling.

Page views touch their session and wrong passwords are counted many times a minute; in the
DuckDB warehouse each of those would take the single writer lock that loads need (and a load
would block every sign-in). SQLite's own locking lets them commit in a millisecond, whatever
the warehouse is doing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warehouse.config.settings import resolve_db
from warehouse.storage import sqlfiles

SCHEMA = "access/sidecar/schema.sql"
_ready: set[str] = set()


def path_for(db=None) -> Path:
    """`<warehouse>.access.sqlite` next to the warehouse file."""
    warehouse = resolve_db(db)
    return warehouse.with_name(warehouse.name + ".access.sqlite")


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # owner-only from the start: it holds who is signed in
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    con = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    con.execute("pragma busy_timeout = 30000")
    con.execute("pragma journal_mode = wal")
    con.execute("pragma synchronous = normal")
    if str(path) not in _ready:
        con.executescript(sqlfiles.load(SCHEMA))
        _ready.add(str(path))
    return con


@contextmanager
def connect(db=None) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode (statements commit one by one)."""
    con = _open(path_for(db))
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(db=None) -> Iterator[sqlite3.Connection]:
    """A write transaction taken up front (BEGIN IMMEDIATE): check-then-write is atomic."""
    with connect(db) as con:
        con.execute("begin immediate")
        try:
            yield con
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
