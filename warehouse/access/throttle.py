"""Sign-in throttling: failures in a row per typed name, the lock-out, and its audit entries.

Each name's check, password verification and count happen under one lock for that name
(a thread lock inside this process, a byte-range file lock across processes), so parallel
attempts are counted one after another: the fifth failure locks, whatever the concurrency,
and a right password arriving later meets the lock. Only time or an admin (a new password)
lifts it. The state lives in the sidecar file, never in the warehouse, so a flood of wrong
passwords does not hold up loads or page reads.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from warehouse.access import audit, sidecar
from warehouse.storage import sqlfiles

# Back-off: from the 5th failure in a row the name locks for 1, 2, 4 … minutes, at most 1 h.
FAILURES_BEFORE_LOCK = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
# Names map onto this many lock slots (two names sharing one only wait for each other).
_SLOTS = 4096
_thread_locks = [threading.Lock() for _ in range(_SLOTS)]


def name_key(name: str | None) -> str:
    """The hash a typed name is kept under (trimmed, lower-case): a password typed into the
    name box is never stored in clear."""
    return hashlib.sha256(str(name or "").strip().lower().encode("utf-8")).hexdigest()


@contextmanager
def guard(key: str, *, db=None) -> Iterator[None]:
    """Hold KEY's lock (in this process and across processes) for check-verify-record."""
    slot = int(key[:8], 16) % _SLOTS
    path = sidecar.path_for(db).with_suffix(".locks")
    with _thread_locks[slot]:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX, 1, slot)
            try:
                yield
            finally:
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, slot)
        finally:
            os.close(fd)


def _epoch(moment: datetime) -> float:
    return moment.replace(tzinfo=UTC).timestamp()


def _naive(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)


def lock_for(failures: int) -> timedelta | None:
    if failures < FAILURES_BEFORE_LOCK:
        return None
    return min(FIRST_LOCK * 2 ** (failures - FAILURES_BEFORE_LOCK), LONGEST_LOCK)


def locked_until(key: str, *, now: datetime, db=None) -> datetime | None:
    """When KEY may try again (naive UTC), or None when it is not locked."""
    with sidecar.connect(db) as con:
        row = sqlfiles.one(con, "access/sidecar/throttle_get.sql", {"name_sha256": key})
    until = row and row["locked_until"]
    return _naive(until) if until and until > _epoch(now) else None


def record_failure(key: str, *, now: datetime, db=None) -> tuple[int, timedelta | None]:
    """Count a failure for KEY; returns the failures in a row and the lock it caused."""
    with sidecar.transaction(db) as con:
        failures = sqlfiles.one(con, "access/sidecar/throttle_fail.sql",
                                {"name_sha256": key})["failures"]
        lock = lock_for(failures)
        if lock:
            sqlfiles.execute(con, "access/sidecar/throttle_lock.sql",
                             {"name_sha256": key, "locked_until": _epoch(now + lock)})
    return failures, lock


def clear(key: str, *, db=None) -> None:
    """Forget KEY's failures and lock (a right password, or an admin's new password)."""
    with sidecar.transaction(db) as con:
        sqlfiles.execute(con, "access/sidecar/throttle_clear.sql", {"name_sha256": key})


def locked_names(*, now: datetime, db=None) -> dict[str, datetime]:
    """name hash -> locked until (naive UTC), for every name locked now."""
    with sidecar.connect(db) as con:
        found = sqlfiles.rows(con, "access/sidecar/throttle_locked.sql", {"now": _epoch(now)})
    return {r["name_sha256"]: _naive(r["locked_until"]) for r in found}


def queue_audit(user: str | None, action: str, target: str | None, detail: dict, *,
                now: datetime, db=None) -> None:
    """Keep an audit entry here until a warehouse write copies it (see flush_audit)."""
    with sidecar.transaction(db) as con:
        sqlfiles.execute(con, "access/sidecar/pending_audit_insert.sql", {
            "at_utc": _epoch(now), "user_name": user, "action": action, "target": target,
            "detail": json.dumps(detail, ensure_ascii=False, default=str),
        })


def flush_audit(con, *, db=None) -> int:
    """Copy the queued entries into the audit log inside the caller's warehouse transaction.

    They are removed from the queue after the copy; should that removal fail, they are copied
    again next time (a duplicate entry rather than a lost one).
    """
    with sidecar.connect(db) as side:
        queued = sqlfiles.rows(side, "access/sidecar/pending_audit_list.sql")
    for row in queued:
        audit.record(con, row["user_name"], row["action"], row["target"],
                     json.loads(row["detail"] or "{}"), at=_naive(row["at_utc"]))
    return queued[-1]["id"] if queued else 0


def forget_flushed(last_id: int, *, db=None) -> None:
    """Drop the queued entries up to LAST_ID once the warehouse transaction committed."""
    if last_id:
        with sidecar.transaction(db) as con:
            sqlfiles.execute(con, "access/sidecar/pending_audit_delete.sql", {"last_id": last_id})
