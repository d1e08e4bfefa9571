"""Series reads that a long-running monitor does not repeat: after a load only the periods the
new rows touch are read again.

A rule's series are per-period aggregates (complaints per week and product, the median first
response per month): a period's figure depends only on the rows whose event time falls in it.
So when a load appends (or replaces) rows, every period that starts before the earliest event
time among those rows (and among the rows they replaced) is exactly what it was. The monitor
keeps the last result of each such read in memory with the state of the tables it was read
at; the next read after a load asks the model only for the periods from the first touched one
(`$since`, a filter on the time column, so DuckDB skips the row groups of older rows) and
puts them after the remembered older periods. The result is the frame a full read gives, row
for row: the zero-filling, labels and judging that follow run on it unchanged.

A read is done in full when anything else changed: an undo, another table the model reads,
rows that appeared or went without a newer batch (a direct write), or no remembered result
(a fresh process: `prime` reads them once when the monitor starts). The same model with the
same parameters (first response and first-contact resolution both read complaint_handling)
is read once per data state, whichever rule asks.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import duckdb
import pandas as pd

from warehouse.config.settings import resolve_db
from warehouse.storage import sqlfiles


@dataclass(frozen=True)
class Model:
    """A model whose rows are per period: its event table, the period column and the row order."""

    table: str
    period: str
    order: tuple[str, ...]
    reads: tuple[str, ...]  # every table its answer depends on
    ignores: tuple[str, ...] = ()  # parameters its answer does not depend on


# Models whose figure per period depends only on that period's rows, and that read only the
# rows from $since on when it is set (null: every row).
MODELS: dict[str, Model] = {
    "rules/complaint_counts.sql": Model("complaints", "period_start",
                                        ("scope_key", "period_start"), ("complaints",)),
    # $as_of (the newest time in the data, moved by every load) only dates open tickets' SLA
    # clocks, which the medians and first-contact counts it returns do not use
    "rules/complaint_handling.sql": Model("complaints", "period_start", ("period_start",),
                                          ("complaints",), ignores=("as_of",)),
}
# Parameterless reads every loader asks for again: read once per evaluation.
_ONCE = {"rules/data_through.sql"}
# How each event table tells what its newer batches touched.
_CHANGED = {"complaints": "rules/complaints_changed_since.sql"}


@dataclass
class _Kept:
    frame: pd.DataFrame
    state: dict[str, Any]


_LOCK = threading.Lock()
_KEPT: dict[tuple, _Kept] = {}
_DB: list[str] = []  # the warehouse the kept reads belong to (one at a time)


def _db_key(db: str | os.PathLike | None) -> str:
    return str(resolve_db(db).resolve())


def forget() -> None:
    """Drop every kept read (tests; a warehouse replaced under the same path)."""
    with _LOCK:
        _KEPT.clear()
        _DB.clear()


def period_start(at: datetime, grain: str) -> datetime | None:
    """The start of the period of AT, as DuckDB's date_trunc gives it (weeks start on Monday)."""
    day = datetime(at.year, at.month, at.day)
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    return None


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


class _Result:
    """What sqlfiles.execute returns for a kept read: the frame (df, fetchall, description)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.description = [(c,) for c in frame.columns]

    def df(self) -> pd.DataFrame:
        return self.frame.copy()

    def fetchall(self) -> list[tuple]:
        return list(self.frame.itertuples(index=False, name=None))

    def fetchone(self):
        rows = self.fetchall()
        return rows[0] if rows else None


class Reads:
    """The series reads of one evaluation: SOURCES is sources_now() of this evaluation. With
    KEEP (the monitor) they are kept for the evaluations that follow in this process; without,
    only rules of this evaluation that ask the same share an answer."""

    def __init__(self, db: str | os.PathLike | None, sources: dict[str, Any], *,
                 keep: bool = False) -> None:
        self.db = _db_key(db)
        self.sources = sources
        self.changed: dict[tuple[str, Any], dict] = {}
        self.once: dict[str, pd.DataFrame] = {}
        self.kept: dict[tuple, _Kept] = _KEPT if keep else {}
        if keep:
            with _LOCK:
                if _DB != [self.db]:
                    _KEPT.clear()
                    _DB[:] = [self.db]
        self.full = 0
        self.partial = 0
        self.reused = 0

    def wrap(self, con: duckdb.DuckDBPyConnection) -> _Connection:
        return _Connection(con, self)

    def _state(self, model: Model) -> dict[str, Any]:
        state = {"undone": self.sources.get("undone")}
        for table in model.reads:
            state[table] = (self.sources.get(f"{table}_rows"), self.sources.get(f"{table}_batch"))
        return state

    def _since(self, con, model: Model, kept: _Kept, now: dict, grain: str | None):
        """The first period to read again (None: read everything)."""
        before = kept.state
        if before.get("undone") != now.get("undone") or grain is None:
            return None
        if any(before[t] != now[t] for t in model.reads if t != model.table):
            return None
        (rows_then, batch_then), (rows_now, batch_now) = before[model.table], now[model.table]
        if batch_then is None or batch_now is None or batch_now <= batch_then:
            return None  # rows changed without a newer batch: no way to tell which
        key = (model.table, batch_then)
        if key not in self.changed:
            self.changed[key] = sqlfiles.one(con, _CHANGED[model.table],
                                             {"batch": batch_then}) or {}
        found = self.changed[key]
        written, replaced = int(found.get("written") or 0), int(found.get("replaced") or 0)
        if rows_then is None or rows_now != rows_then + written - replaced \
                or found.get("replaced_untimed"):
            return None
        earliest = [t for t in (found.get("written_from"), found.get("replaced_from"))
                    if t is not None and not pd.isna(t)]
        if not earliest:
            return None
        return period_start(pd.Timestamp(min(earliest)).to_pydatetime(), grain)

    def run(self, con, name: str, sql: str, params: dict[str, Any]):
        if name in _ONCE:  # the same answer for every rule of this evaluation
            if name not in self.once:
                self.once[name] = con.execute(sql, params).df()
            return _Result(self.once[name])
        model = MODELS.get(name)
        if model is None or params.get("since") is not None:
            return con.execute(sql, params)
        key = (self.db, name, _freeze({k: v for k, v in params.items() if k not in model.ignores}))
        state = self._state(model)
        with _LOCK:
            kept = self.kept.get(key)
        if kept is not None and kept.state == state:
            self.reused += 1
            return _Result(kept.frame)
        since = self._since(con, model, kept, state, params.get("grain")) \
            if kept is not None else None
        if since is None:
            frame = con.execute(sql, params).df()
            self.full += 1
        else:
            fresh = con.execute(sql, {**params, "since": since}).df()
            older = kept.frame[kept.frame[model.period] < pd.Timestamp(since)]
            frame = _joined(older, fresh, model.order)
            if frame is None:
                frame = con.execute(sql, params).df()
                self.full += 1
            else:
                self.partial += 1
        with _LOCK:
            self.kept[key] = _Kept(frame, state)
        return _Result(frame)


def _joined(older: pd.DataFrame, fresh: pd.DataFrame,
            order: tuple[str, ...]) -> pd.DataFrame | None:
    """The remembered periods and the fresh ones, in the model's own row order."""
    if fresh.empty:
        return older.reset_index(drop=True)
    if older.empty:
        return fresh.reset_index(drop=True)
    if list(fresh.columns) != list(older.columns) or not fresh.dtypes.equals(older.dtypes):
        return None  # a column typed differently (all empty on one side): read it whole
    both = pd.concat([older, fresh], ignore_index=True)
    return both.sort_values(list(order), kind="stable").reset_index(drop=True)


class _Connection:
    """A connection whose series models go through the kept reads (sqlfiles' run_model hook);
    everything else is the connection itself."""

    def __init__(self, con: duckdb.DuckDBPyConnection, reads: Reads) -> None:
        self._con = con
        self._reads = reads

    def run_model(self, name: str, sql: str, params: dict[str, Any]):
        return self._reads.run(self._con, name, sql, params)

    def __getattr__(self, name: str):
        return getattr(self._con, name)
