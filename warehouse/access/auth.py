"""Local accounts: argon2-hashed passwords, roles, dept_head scopes, sign-in with back-off."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from warehouse.access import audit, sessions, throttle
from warehouse.access.permissions import PermissionDenied, require
from warehouse.access.scope import ROLES, SYSTEM, Viewer, _norm
from warehouse.storage import sqlfiles
from warehouse.storage.db import WarehouseBusy, connect
from warehouse.storage.transactions import transaction

FIRST_ADMIN = "admin"
ADMIN_PASSWORD_ENV = "CXRISK_ADMIN_PASSWORD"
MIN_PASSWORD_LENGTH = 8
# Back-off (warehouse/access/throttle.py): from the 5th failure in a row the name locks for
# 1, 2, 4 … minutes, at most 1 h.
FAILURES_BEFORE_LOCK = throttle.FAILURES_BEFORE_LOCK
# What the audit log says instead of a name that is no account (it may be a mistyped password).
UNKNOWN_NAME = "(unknown user)"

_NAME = re.compile(r"^[\w.@-]{1,64}$")
_hasher = PasswordHasher()
_dummy_hash: str | None = None


class AccountError(ValueError):
    """A user-management request that cannot be done; the message says why and what to do."""


class UnknownUser(AccountError, LookupError):
    """No enabled account has this name."""


@contextmanager
def _transaction(db, *, timeout: float = 600.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write connection whose work commits together, or not at all if anything raises."""
    with connect(db, write=True, timeout=timeout) as con, transaction(con):
        yield con


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_name(name: str) -> str:
    """Account names compare trimmed and lower-case; letters, digits, `._@-` only."""
    clean = str(name or "").strip().lower()
    if not _NAME.match(clean):
        raise AccountError(
            f"Invalid user name {name!r}: use 1–64 letters, digits, '.', '_', '@' or '-'."
        )
    return clean


def _check_password(password: str | None) -> str:
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    return password


def _check_access(
    role: str, channels: Iterable[str], regions: Iterable[str]
) -> tuple[list[str], list[str]]:
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")
    chans, regs = list(_norm(list(channels or ()))), list(_norm(list(regions or ())))
    if role == "dept_head" and not (chans or regs):
        raise AccountError("A dept_head needs at least one channel or region as their scope.")
    if role != "dept_head" and (chans or regs):
        raise AccountError(
            f"Only a dept_head has a scope; a {role} sees all data. Drop the channels/regions."
        )
    return chans, regs


def _require_manager(by: Viewer | str) -> None:
    """A signed-in user must be allowed to manage users; a plain name (CLI, setup) is trusted."""
    if isinstance(by, Viewer):
        require(by, "manage_users")


def _actor(by: Viewer | str) -> str:
    return by.name if isinstance(by, Viewer) else str(by)


def _get(con, name: str) -> dict | None:
    return sqlfiles.one(con, "access/user_get.sql", {"name": name})


def _viewer(row: dict) -> Viewer:
    return Viewer(row["name"], row["role"], tuple(row["channels"] or ()), tuple(row["regions"] or ()))


def _active_admins(con) -> int:
    return sqlfiles.one(con, "access/admins_active.sql")["n"]


def _require_existing(con, name: str) -> dict:
    row = _get(con, name)
    if row is None:
        raise UnknownUser(f"No user named {name!r}; `python -m warehouse users list` shows them.")
    return row


def add_user(
    name: str,
    role: str,
    *,
    password: str,
    channels: Iterable[str] = (),
    regions: Iterable[str] = (),
    db=None,
    by: Viewer | str,
) -> Viewer:
    """Create an account (admin only when `by` is a Viewer); returns the new user's Viewer."""
    _require_manager(by)
    name = normalise_name(name)
    chans, regs = _check_access(role, channels, regions)
    password_hash = _hasher.hash(_check_password(password))
    with _transaction(db) as con:
        if _get(con, name) is not None:
            raise AccountError(f"A user named {name!r} already exists.")
        sqlfiles.execute(con, "access/user_insert.sql", {
            "name": name, "role": role, "channels": chans, "regions": regs,
            "password_hash": password_hash, "now": _now(),
        })
        audit.record(con, _actor(by), "user_add", name,
                     {"role": role, "channels": chans, "regions": regs})
    return Viewer(name, role, tuple(chans), tuple(regs))


def remove_user(name: str, *, db=None, by: Viewer | str) -> None:
    """Delete an account (its audit history stays). The last enabled admin cannot be removed."""
    _require_manager(by)
    name = normalise_name(name)
    if name == _actor(by):
        raise AccountError("You cannot remove your own account; ask another admin.")
    with _transaction(db) as con:
        row = _require_existing(con, name)
        if row["role"] == "admin" and not row["disabled"] and _active_admins(con) <= 1:
            raise AccountError("This is the last admin; add another admin before removing it.")
        sqlfiles.execute(con, "access/user_delete.sql", {"name": name})
        audit.record(con, _actor(by), "user_remove", name, {
            "role": row["role"], "channels": list(row["channels"] or ()),
            "regions": list(row["regions"] or ()),
        })
    sessions.end_user(name, "user_removed", db=db)


def set_access(
    name: str,
    role: str,
    *,
    channels: Iterable[str] = (),
    regions: Iterable[str] = (),
    db=None,
    by: Viewer | str,
) -> Viewer:
    """Change a user's role and scope together; the audit entry keeps before and after."""
    _require_manager(by)
    name = normalise_name(name)
    chans, regs = _check_access(role, channels, regions)
    with _transaction(db) as con:
        row = _require_existing(con, name)
        demoting = row["role"] == "admin" and role != "admin" and not row["disabled"]
        if demoting and _active_admins(con) <= 1:
            raise AccountError("This is the last admin; make another user admin first.")
        sqlfiles.execute(con, "access/user_set_access.sql",
                         {"name": name, "role": role, "channels": chans, "regions": regs})
        before = {"role": row["role"], "channels": list(row["channels"] or ()),
                  "regions": list(row["regions"] or ())}
        after = {"role": role, "channels": chans, "regions": regs}
        action = "user_role" if before["role"] != role else "user_scope"
        audit.record(con, _actor(by), action, name, {"before": before, "after": after})
    return Viewer(name, role, tuple(chans), tuple(regs))


def set_scope(
    name: str,
    *,
    channels: Iterable[str] = (),
    regions: Iterable[str] = (),
    db=None,
    by: Viewer | str,
) -> Viewer:
    """Change a dept_head's channels and regions."""
    with connect(db) as con:
        role = _require_existing(con, normalise_name(name))["role"]
    return set_access(name, role, channels=channels, regions=regions, db=db, by=by)


def set_password(name: str, password: str, *, db=None, by: Viewer | str) -> None:
    """A new password (by an admin, or by the user themself); also lifts a lock-out."""
    name = normalise_name(name)
    if isinstance(by, Viewer) and by.name != name:
        require(by, "manage_users")
    password_hash = _hasher.hash(_check_password(password))
    with _transaction(db) as con:
        _require_existing(con, name)
        sqlfiles.execute(con, "access/user_set_password.sql",
                         {"name": name, "password_hash": password_hash})
        audit.record(con, _actor(by), "user_password", name, {})
    throttle.clear(throttle.name_key(name), db=db)
    sessions.end_user(name, "password_changed", db=db)


def set_disabled(name: str, disabled: bool, *, db=None, by: Viewer | str) -> None:
    """Disable (or re-enable) an account without deleting it."""
    _require_manager(by)
    name = normalise_name(name)
    if disabled and name == _actor(by):
        raise AccountError("You cannot disable your own account; ask another admin.")
    with _transaction(db) as con:
        row = _require_existing(con, name)
        if disabled and row["role"] == "admin" and not row["disabled"] and _active_admins(con) <= 1:
            raise AccountError("This is the last admin; add another admin before disabling it.")
        sqlfiles.execute(con, "access/user_set_disabled.sql",
                         {"name": name, "disabled": bool(disabled)})
        audit.record(con, _actor(by), "user_disable" if disabled else "user_enable", name, {})
    if disabled:
        sessions.end_user(name, "user_disabled", db=db)


def list_users(*, viewer: Viewer, db=None) -> list[dict]:
    """Every account (no password hashes); admin only."""
    require(viewer, "manage_users")
    with connect(db) as con:
        found = sqlfiles.rows(con, "access/users_list.sql")
    locked = throttle.locked_names(now=_now(), db=db)
    for row in found:
        row["channels"] = list(row["channels"] or ())
        row["regions"] = list(row["regions"] or ())
        row["locked_until"] = locked.get(throttle.name_key(row["name"]))
    return found


def load_viewer(name: str, db=None, *, timeout: float = 600.0) -> Viewer:
    """The Viewer of an enabled account (for `--user NAME` and re-checking a session)."""
    clean = normalise_name(name)
    with connect(db, timeout=timeout) as con:
        row = _get(con, clean)
    if row is None or row["disabled"]:
        raise UnknownUser(f"No enabled user named {name!r}; `python -m warehouse users list` shows them.")
    return _viewer(row)


def viewer_for(user: str | None, db=None) -> Viewer:
    """For scripts and the command line: the account `user`, or the whole company when none is named.

    Never use it where a name may be empty by accident (sign-in): an empty name means SYSTEM.
    """
    return load_viewer(user, db) if user else SYSTEM


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _burn_time(password: str) -> None:
    """Spend the time a real check takes, so timing does not reveal which names exist."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    _verify(_dummy_hash, password)


def locked_until(name: str, *, db=None, now: datetime | None = None) -> datetime | None:
    """When the name may try again (UTC), or None when it is not locked.

    Names that are no account lock the same way, so the answer reveals nothing about which
    names exist.
    """
    return throttle.locked_until(throttle.name_key(name), now=now or _now(), db=db)


def _known(name: str, db, timeout: float) -> tuple[str | None, dict | None]:
    try:
        clean = normalise_name(name)
    except AccountError:
        return None, None
    with connect(db, timeout=timeout) as con:
        return clean, _get(con, clean)


def authenticate(
    name: str, password: str, *, db=None, now: datetime | None = None, timeout: float = 600.0
) -> Viewer | None:
    """The Viewer for a correct name and password, else None; every attempt is audited.

    The check, the password verification and the count of a failure happen under the name's
    lock (throttle.guard), so parallel attempts count one by one: the FAILURES_BEFORE_LOCK-th
    failure in a row locks the name for growing intervals, and attempts while locked are
    refused without checking the password. Failures are counted and audited in the sidecar
    file (a warehouse read, never its writer lock); a name that is no account is audited as
    UNKNOWN_NAME with a short hash, never as typed.
    """
    now = now or _now()
    key = throttle.name_key(name)
    with throttle.guard(key, db=db):
        clean, row = _known(name, db, timeout)
        who = clean if row is not None else UNKNOWN_NAME
        hint = {} if row is not None else {"name_sha256": key[:16]}
        until = throttle.locked_until(key, now=now, db=db)
        if until:
            throttle.queue_audit(who, "sign_in_locked", who,
                                 {"locked_until": until.isoformat(), **hint}, now=now, db=db)
            return None
        usable = row is not None and not row["disabled"]
        if usable:
            ok = _verify(row["password_hash"], password or "")
        else:
            _burn_time(password or "")
            ok = False
        if not ok:
            failures, lock = throttle.record_failure(key, now=now, db=db)
            reason = "wrong password" if usable else ("disabled" if row else "unknown user")
            detail = {"reason": reason, "failures": failures, **hint}
            if lock:
                detail["locked_minutes"] = lock.total_seconds() / 60
            throttle.queue_audit(who, "sign_in_failed", who, detail, now=now, db=db)
            return None
        with _transaction(db, timeout=timeout) as con:
            flushed = throttle.flush_audit(con, db=db)
            sqlfiles.execute(con, "access/user_signed_in.sql", {"name": clean})
            if _hasher.check_needs_rehash(row["password_hash"]):
                sqlfiles.execute(con, "access/user_rehash.sql",
                                 {"name": clean, "password_hash": _hasher.hash(password)})
            audit.record(con, clean, "sign_in", clean, {"role": row["role"]})
        throttle.forget_flushed(flushed, db=db)
        throttle.clear(key, db=db)
    return _viewer(row)


SESSION_EVENTS = {"sign_out", "session_expired", "sign_in_sso"}


def record_session_event(viewer: Viewer | str, action: str, *, db=None,
                         timeout: float = 2.0) -> None:
    """Audit a sign-out, an idle-session expiry or a single sign-on.

    Written straight away when the warehouse is free within TIMEOUT, else queued with the
    sign-in events (copied by the next write): signing out never waits for a load.
    """
    if action not in SESSION_EVENTS:
        raise ValueError(f"not a session event: {action!r}")
    name = viewer.name if isinstance(viewer, Viewer) else str(viewer)
    throttle.queue_audit(name, action, name, {}, now=_now(), db=db)
    try:
        flush_pending_audit(db=db, timeout=timeout)
    except WarehouseBusy:
        pass


def flush_pending_audit(*, db=None, timeout: float = 2.0) -> None:
    """Copy queued sign-in and session events into the audit log (the audit page asks first)."""
    with _transaction(db, timeout=timeout) as con:
        flushed = throttle.flush_audit(con, db=db)
    throttle.forget_flushed(flushed, db=db)


def check_session(token: str | None, *, idle_seconds: float, db=None,
                  touch: bool = True) -> sessions.Session:
    """The session a cookie's token stands for; an expiry this check noticed is audited."""
    session = sessions.check(token, idle_seconds=idle_seconds, db=db, touch=touch)
    if session.just_ended:
        throttle.queue_audit(session.user_name, "session_expired", session.user_name,
                             {"reason": session.ended_reason}, now=_now(), db=db)
    return session


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def ensure_first_admin(db=None) -> str | None:
    """Create the `admin` account when no admin exists yet.

    Its password comes from CXRISK_ADMIN_PASSWORD, or is generated and returned so the caller
    prints it once; None when nothing was generated (an admin exists or the env var was used).
    """
    with connect(db) as con:
        if _active_admins(con) > 0:
            return None
    from_env = os.environ.get(ADMIN_PASSWORD_ENV, "")
    if from_env and len(from_env) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"{ADMIN_PASSWORD_ENV} is too short: use at least {MIN_PASSWORD_LENGTH} characters."
        )
    password = from_env or generate_password()
    with connect(db) as con:
        existing = _get(con, FIRST_ADMIN)
    if existing is not None:
        # An `admin` account exists but is not an enabled admin: restore it as the way back in.
        set_access(FIRST_ADMIN, "admin", db=db, by="system")
        set_disabled(FIRST_ADMIN, False, db=db, by="system")
        set_password(FIRST_ADMIN, password, db=db, by="system")
    else:
        add_user(FIRST_ADMIN, "admin", password=password, db=db, by="system")
    return None if from_env else password


__all__ = [
    "AccountError",
    "PermissionDenied",
    "UnknownUser",
    "add_user",
    "authenticate",
    "check_session",
    "ensure_first_admin",
    "flush_pending_audit",
    "list_users",
    "load_viewer",
    "locked_until",
    "normalise_name",
    "record_session_event",
    "remove_user",
    "set_access",
    "set_disabled",
    "set_password",
    "set_scope",
    "viewer_for",
]
