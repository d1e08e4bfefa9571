"""One way to group a write's statements: begin, then commit, or rollback and re-raise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """begin … commit, or rollback and re-raise: the one way a write groups its statements."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        try:
            con.execute("rollback")
        except duckdb.Error:
            # the transaction is already gone (e.g. a full disk aborted it): the error that
            # ended it is the one to report, not "cannot rollback - no transaction is active"
            pass
        raise
    con.execute("commit")
