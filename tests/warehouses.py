"""The one way tests build a warehouse by hand: rows in, left as a load would leave them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from warehouse.storage import derived
from warehouse.storage.db import connect


def insert_rows(con, table: str, frame: pd.DataFrame, batch_id: int = 1) -> None:
    """FRAME into TABLE, columns matched by name (columns not given are null), stamped with
    BATCH_ID as the first and last batch; `outlier` defaults to false as the loader writes it."""
    columns = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? "
        "order by ordinal_position", [table]).fetchall()]
    given = set(frame.columns)
    frame = frame.reindex(columns=columns)
    frame["batch_id"] = batch_id
    if "first_batch_id" in columns:
        frame["first_batch_id"] = batch_id
    if "outlier" in columns and "outlier" not in given:
        frame["outlier"] = False
    con.from_df(frame.astype(object).where(frame.notna(), None)).insert_into(table)


def build(path: Path, *, statements: Iterable[str | tuple[str, list]] = (),
          tables: Iterable[tuple[str, pd.DataFrame, int]] = ()) -> Path:
    """A fresh warehouse at PATH: STATEMENTS (SQL, or SQL and its parameters) run in order, then each (table, rows, batch id) of
    TABLES inserted, then the derived tables a load keeps (repeats, filter values) refreshed."""
    with connect(path, write=True) as con:
        for statement in statements:
            con.execute(*((statement,) if isinstance(statement, str) else statement))
        for table, frame, batch_id in tables:
            insert_rows(con, table, frame, batch_id)
        derived.refresh_all(con)
    return path


def one_batch(kind: str, file_name: str) -> tuple[str, list]:
    """The statement recording batch 1 of KIND from FILE_NAME (finished, loaded)."""
    sql = ("insert into batches (batch_id, kind, file_name, status, started_at, finished_at) "
           "values (1, ?, ?, 'loaded', timestamp '2025-07-01 00:00', timestamp '2025-07-01 00:01')")
    return sql, [kind, file_name]
