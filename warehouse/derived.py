"""Columns the warehouse derives from loaded rows, recomputed by every write that changes them.

complaints.pair_previous_at (the same customer's previous ticket in the same category) makes a
ticket's repeat flag one comparison instead of a sort of the whole history on every read. Loads
and undos call `touch_batch` and `refresh` inside their transaction; anything that writes
complaints another way (tests, benchmarks) calls `refresh_all` afterwards.
"""

from __future__ import annotations

from warehouse import sqlfiles


def start(con) -> None:
    """Begin an empty list of customers to recompute."""
    sqlfiles.execute(con, "derived/touch_start.sql")


def touch_batch(con, batch_id: int) -> None:
    """Add the customers of the rows a batch wrote and replaced (before an undo deletes them)."""
    sqlfiles.execute(con, "derived/touch_batch.sql", {"batch_id": batch_id})


def refresh(con) -> None:
    """Recompute the derived columns of the listed customers' tickets."""
    sqlfiles.execute(con, "derived/pair_previous.sql")
    con.execute("drop table if exists touched_customers")


def refresh_all(con) -> None:
    """Recompute every ticket's derived columns."""
    start(con)
    sqlfiles.execute(con, "derived/touch_all.sql")
    refresh(con)
