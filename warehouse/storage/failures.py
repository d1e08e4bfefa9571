"""One-line messages for storage failures a user can meet: a damaged warehouse file, a full disk."""

from __future__ import annotations

import errno

import duckdb

_DAMAGED = ("not a valid duckdb database file", "corrupt", "checksum", "invalid block", "failed to load")
_FULL = ("no space left on device", "disk is full", "could not write", "failed to offload")


def one_line(exc: BaseException, action: str = "the command") -> str | None:
    """A message saying what happened and what to do, or None for failures that are not these."""
    text = str(exc).lower()
    full = isinstance(exc, OSError) and exc.errno == errno.ENOSPC
    if full or (isinstance(exc, duckdb.Error) and any(s in text for s in _FULL)) or (
            isinstance(exc, duckdb.OutOfMemoryException) and "disk" in text):
        return (f"The disk holding the warehouse or its temporary files is full, so {action} stopped and "
                "nothing was changed; free some space and try again.")
    if isinstance(exc, duckdb.Error) and any(s in text for s in _DAMAGED):
        return ("The warehouse file is damaged or is not a warehouse (" + str(exc).splitlines()[0][:160]
                + "); restore it from a backup or point CXRISK_DB at the right file.")
    return None
