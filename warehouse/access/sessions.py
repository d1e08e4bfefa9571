"""Signed-in sessions: a random token in the browser's cookie, its hash and clock stored here.

A session ends by signing out, after the idle timeout, after its longest lifetime, and when
the account's password changes or the account is removed or disabled. The token itself is
never stored, so a copy of the sidecar file signs nobody in.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from warehouse.access import sidecar
from warehouse.storage import sqlfiles

# The longest a session lasts, however active; a working day with margin.
MAX_AGE_SECONDS = 12 * 3600
# Page views move the idle clock at most this often (one small write per view otherwise).
TOUCH_EVERY_SECONDS = 20
ENDED_KEPT_SECONDS = 24 * 3600
REASONS = ("sign_out", "idle", "expired", "password_changed", "user_removed", "user_disabled")


@dataclass(frozen=True)
class Session:
    """What a cookie's token stands for: the account, or why it no longer counts."""

    user_name: str | None
    ended_reason: str | None = None
    just_ended: bool = False  # this check ended it (idle or too old), so it is audited once

    @property
    def active(self) -> bool:
        return self.user_name is not None and self.ended_reason is None


UNKNOWN = Session(None, "unknown")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(user_name: str, *, db=None, now: float | None = None) -> str:
    """A new session for USER_NAME; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = now or time.time()
    with sidecar.transaction(db) as con:
        sqlfiles.execute(con, "access/sidecar/session_purge.sql",
                         {"before": now - max(MAX_AGE_SECONDS, ENDED_KEPT_SECONDS)})
        sqlfiles.execute(con, "access/sidecar/session_insert.sql",
                         {"token_sha256": _hash(token), "user_name": user_name, "now": now})
    return token


def check(token: str | None, *, idle_seconds: float, db=None, now: float | None = None,
          touch: bool = True) -> Session:
    """The session of TOKEN as of NOW; an idle or too old one is ended here and says so.

    TOUCH (a view the user asked for) moves the idle clock; timer refreshes pass False.
    """
    if not token:
        return UNKNOWN
    now = now or time.time()
    key = _hash(token)
    with sidecar.transaction(db) as con:
        row = sqlfiles.one(con, "access/sidecar/session_get.sql", {"token_sha256": key})
        if row is None:
            return UNKNOWN
        if row["ended_at"] is not None:
            return Session(row["user_name"], row["ended_reason"])
        reason = None
        if now - row["last_seen"] > idle_seconds:
            reason = "idle"
        elif now - row["created_at"] > MAX_AGE_SECONDS:
            reason = "expired"
        if reason:
            sqlfiles.execute(con, "access/sidecar/session_end.sql",
                             {"token_sha256": key, "now": now, "reason": reason})
            return Session(row["user_name"], reason, just_ended=True)
        if touch and now - row["last_seen"] >= TOUCH_EVERY_SECONDS:
            sqlfiles.execute(con, "access/sidecar/session_touch.sql",
                             {"token_sha256": key, "now": now})
    return Session(row["user_name"])


def end(token: str | None, reason: str = "sign_out", *, db=None) -> str | None:
    """End one session; returns its account name (None when the token was not a live session)."""
    if not token:
        return None
    key = _hash(token)
    with sidecar.transaction(db) as con:
        row = sqlfiles.one(con, "access/sidecar/session_get.sql", {"token_sha256": key})
        sqlfiles.execute(con, "access/sidecar/session_end.sql",
                         {"token_sha256": key, "now": time.time(), "reason": reason})
    return row["user_name"] if row and row["ended_at"] is None else None


def end_user(user_name: str, reason: str, *, db=None) -> None:
    """End every open session of an account."""
    if reason not in REASONS:
        raise ValueError(f"not a reason to end a session: {reason!r}")
    with sidecar.transaction(db) as con:
        sqlfiles.execute(con, "access/sidecar/session_end_user.sql",
                         {"user_name": user_name, "now": time.time(), "reason": reason})
