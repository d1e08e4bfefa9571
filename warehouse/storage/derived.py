"""What the warehouse derives from loaded rows, recomputed by every write that changes them.

- complaint_repeats (the repeat tickets: those with an earlier ticket of the same customer and
  category at most REPEAT_WINDOW_DAYS before, with its time) makes the repeat rate a count of a
  few rows instead of a sort of the whole history on every read.
- filter_values (each filter's values with the channels and regions they occur with) gives the
  filter lists without reading every row; data_facts keeps whether wide-survey ratings exist.

Loads and undos call these inside their transaction (for the tickets `refresh_batch` after a
load, `touch_batch` before and `refresh` after an undo; `refresh_values` for the kind);
anything that writes the tables another way (tests, benchmarks) calls `refresh_all` afterwards.
"""

from __future__ import annotations

from warehouse.storage import sqlfiles

# A ticket repeats an earlier one of the same customer and category within 30 days (warehouse/docs/metrics.md).
REPEAT_WINDOW_DAYS = 30


def start(con) -> None:
    """Begin an empty list of customers to recompute."""
    sqlfiles.execute(con, "derived/touch_start.sql")


def touch_batch(con, batch_id: int) -> None:
    """Add the customers of the rows a batch wrote and replaced (before an undo deletes them)."""
    sqlfiles.execute(con, "derived/touch_batch.sql", {"batch_id": batch_id})


def refresh(con, *, every_ticket: bool = False) -> None:
    """Rebuild complaint_repeats for the listed customers' tickets (for every ticket)."""
    sqlfiles.execute(con, "derived/repeats.sql", {
        "every_ticket": every_ticket,
        "repeat_window_seconds": REPEAT_WINDOW_DAYS * 86400,
    })
    con.execute("drop table if exists touched_customers")


def refresh_batch(con, batch_id: int) -> None:
    """After a complaints load: the tickets of the customers the batch wrote or replaced."""
    found = sqlfiles.one(con, "derived/batch_is_everything.sql", {"batch_id": batch_id})
    start(con)
    if found and found["every_ticket"]:
        refresh(con, every_ticket=True)
        return
    touch_batch(con, batch_id)
    refresh(con)


# The load kinds whose tables feed filter_values, and the model that rebuilds their part.
VALUE_MODELS = {
    "complaints": ("derived/values_complaints.sql",),
    "survey": ("derived/values_survey.sql", "derived/wide_ratings.sql"),
    "crm": ("derived/values_crm.sql",),
}


def refresh_values(con, kind: str) -> None:
    """Rebuild the filter values (and data facts) of one load kind; nothing for other kinds."""
    for name in VALUE_MODELS.get(kind, ()):
        sqlfiles.execute(con, name)


def refresh_all(con) -> None:
    """Recompute every derived column and table."""
    start(con)
    sqlfiles.execute(con, "derived/touch_all.sql")
    refresh(con)
    for kind in VALUE_MODELS:
        refresh_values(con, kind)
