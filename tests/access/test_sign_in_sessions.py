"""Sign-in lock-out under parallel attempts, and sessions: start, idle, end by sign-out,
password change, removal; all kept outside the warehouse's writer lock."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.access import auth, sessions, sidecar
from warehouse.access.scope import Viewer

ROOT = Path(__file__).resolve().parents[2]
RIGHT = "correct-horse-9"


@pytest.fixture
def db(tmp_db):
    auth.add_user("ana", "analyst", password=RIGHT, db=tmp_db, by="test")
    auth.add_user("root", "admin", password=RIGHT, db=tmp_db, by="test")
    return tmp_db


def _actions(db, user: str) -> list[str]:
    auth.flush_pending_audit(db=db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [a for (a,) in con.execute(
            "select action from audit_log where user_name = ? order by at_utc, audit_id",
            [user]).fetchall()]
    finally:
        con.close()


def _sidecar_bytes(db) -> bytes:
    """The sidecar file with its write-ahead log (recent rows live there first)."""
    main = sidecar.path_for(db)
    return b"".join(p.read_bytes() for p in (main, main.with_name(main.name + "-wal"))
                    if p.exists())


def _parallel(db, attempts: list[str]) -> list:
    results = [None] * len(attempts)
    start = threading.Barrier(len(attempts))

    def run(i: int) -> None:
        start.wait()
        results[i] = auth.authenticate("ana", attempts[i], db=db)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twelve_parallel_wrong_passwords_count_five_failures_and_lock(db):
    # six threads here and six in another process, all at once
    other = subprocess.Popen(
        [sys.executable, "-c",
         ("import threading\nfrom warehouse.access import auth\n"
         "b = threading.Barrier(6)\n"
         f"def go():\n    b.wait(); auth.authenticate('ana', 'wrong-guess', db={str(db)!r})\n"
         "ts = [threading.Thread(target=go) for _ in range(6)]\n"
         "[t.start() for t in ts]; [t.join() for t in ts]\n")],
        cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    _parallel(db, ["wrong-guess"] * 6)
    assert other.wait(timeout=120) == 0
    actions = _actions(db, "ana")
    assert actions.count("sign_in_failed") == 5  # the fifth locked; the rest met the lock
    assert actions.count("sign_in_locked") == 7
    assert auth.locked_until("ana", db=db) is not None
    assert auth.authenticate("ana", RIGHT, db=db) is None  # the right password meets the lock


def test_a_right_password_among_parallel_wrong_ones_never_lifts_the_lock(db):
    results = _parallel(db, ["wrong-guess"] * 11 + [RIGHT])
    # whether the right one came before or after the fifth failure, the name ends locked
    assert auth.locked_until("ana", db=db) is not None
    actions = _actions(db, "ana")
    signed_in = results[-1] is not None
    assert actions.count("sign_in") == int(signed_in)
    assert actions.count("sign_in_failed") + actions.count("sign_in_locked") == 11


def test_an_admin_lifts_the_lock_with_a_new_password(db):
    for _ in range(5):
        auth.authenticate("ana", "wrong-guess", db=db)
    assert auth.locked_until("ana", db=db) is not None
    auth.set_password("ana", "brand-new-pass", db=db, by=Viewer("root", "admin"))
    assert auth.locked_until("ana", db=db) is None
    assert auth.authenticate("ana", "brand-new-pass", db=db) == Viewer("ana", "analyst")


def test_unknown_names_lock_like_real_ones_and_are_never_recorded_as_typed(db):
    typed = "Secret-Passw0rd!"  # a password typed into the name box
    for _ in range(5):
        assert auth.authenticate(typed, "whatever", db=db) is None
    assert auth.locked_until(typed, db=db) is not None  # same lock, same message
    auth.flush_pending_audit(db=db)
    con = duckdb.connect(str(db), read_only=True)
    logged = con.execute("select user_name, target, detail from audit_log").fetchall()
    con.close()
    assert typed.lower() not in repr(logged).lower()
    assert sum(1 for u, _, _ in logged if u == auth.UNKNOWN_NAME) == 5
    assert typed.lower().encode() not in _sidecar_bytes(db).lower()


def test_failed_sign_ins_never_take_the_warehouse_writer_lock(db, monkeypatch):
    import warehouse.access.auth as module

    writes = []
    real = module.connect

    def spy(path=None, *args, write=False, **kw):
        writes.append(write)
        return real(path, *args, write=write, **kw)

    monkeypatch.setattr(module, "connect", spy)
    for _ in range(7):
        auth.authenticate("ana", "wrong-guess", db=db)
        auth.authenticate("nobody-at-all", "wrong-guess", db=db)
    assert writes and not any(writes)


def test_failed_sign_ins_go_on_while_a_load_holds_the_warehouse(db):
    """Only the account read waits for a load; counting and auditing do not need the warehouse."""
    hold = ("import time\nfrom warehouse.storage.db import connect\n"
            f"with connect({str(db)!r}, write=True):\n    print('held', flush=True)\n"
            "    time.sleep(8)\n")
    holder = subprocess.Popen([sys.executable, "-c", hold], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert auth.locked_until("ana", db=db) is None  # no warehouse access at all
        assert time.monotonic() - started < 1.0
    finally:
        holder.kill()
        holder.wait()


def test_a_session_lasts_until_idle_and_is_audited_once(db):
    token = sessions.start("ana", db=db, now=1000.0)
    assert sessions.check(token, idle_seconds=600, db=db, now=1500.0).user_name == "ana"
    # the check at 1500 moved the idle clock: 1500 + 600 is still inside
    assert sessions.check(token, idle_seconds=600, db=db, now=2050.0).active
    ended = auth.check_session(token, idle_seconds=600, db=db)  # real time: long after
    assert not ended.active and ended.ended_reason == "idle" and ended.just_ended
    again = auth.check_session(token, idle_seconds=600, db=db)
    assert again.ended_reason == "idle" and not again.just_ended
    assert _actions(db, "ana").count("session_expired") == 1


def test_a_timer_refresh_does_not_keep_a_session_alive(db):
    token = sessions.start("ana", db=db, now=1000.0)
    assert sessions.check(token, idle_seconds=600, db=db, now=1500.0, touch=False).active
    assert not sessions.check(token, idle_seconds=600, db=db, now=1700.0).active


def test_sessions_end_with_sign_out_password_change_removal_and_age(db):
    idle = 3600
    a, b = sessions.start("ana", db=db), sessions.start("ana", db=db)
    assert sessions.end(a, db=db) == "ana"
    assert sessions.check(a, idle_seconds=idle, db=db).ended_reason == "sign_out"
    assert sessions.check(b, idle_seconds=idle, db=db).active  # the other tab's session stays
    auth.set_password("ana", "brand-new-pass", db=db, by=Viewer("ana", "analyst"))
    assert sessions.check(b, idle_seconds=idle, db=db).ended_reason == "password_changed"
    c = sessions.start("ana", db=db)
    auth.set_disabled("ana", True, db=db, by=Viewer("root", "admin"))
    assert sessions.check(c, idle_seconds=idle, db=db).ended_reason == "user_disabled"
    d = sessions.start("ana", db=db)
    auth.remove_user("ana", db=db, by=Viewer("root", "admin"))
    assert sessions.check(d, idle_seconds=idle, db=db).ended_reason == "user_removed"
    old = sessions.start("root", db=db, now=time.time() - sessions.MAX_AGE_SECONDS - 5)
    sidecar_touch = sessions.check(old, idle_seconds=10**9, db=db)
    assert sidecar_touch.ended_reason == "expired"
    assert sessions.check("made-up-token", idle_seconds=idle, db=db).ended_reason == "unknown"


def test_the_sidecar_holds_token_hashes_only_and_is_owner_only(db):
    token = sessions.start("ana", db=db)
    assert b"ana" in _sidecar_bytes(db)  # the control: the session row is in these bytes
    assert token.encode() not in _sidecar_bytes(db)
    assert sidecar.path_for(db).stat().st_mode & 0o077 == 0
