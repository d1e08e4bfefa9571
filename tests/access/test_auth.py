"""Local accounts: hashing, sign-in back-off, first admin, user management rules, audit."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import duckdb
import pytest

from warehouse.access import auth
from warehouse.access.audit import list_audit
from warehouse.access.permissions import PermissionDenied
from warehouse.access.scope import Viewer

ADMIN = Viewer("boss", "admin")


def _audit_rows(db) -> list[tuple]:
    auth.flush_pending_audit(db=db)  # sign-in events wait in the sidecar file until a write
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select user_name, action, target, detail from audit_log order by at_utc, audit_id"
        ).fetchall()
    finally:
        con.close()


def test_password_is_stored_as_argon2_hash_and_checked(tmp_db):
    auth.add_user("Lin", "dept_head", password="south-secret", regions=["South "], db=tmp_db, by=ADMIN)
    con = duckdb.connect(str(tmp_db), read_only=True)
    stored = con.execute("select name, password_hash, regions from users").fetchone()
    con.close()
    assert stored[0] == "lin"
    assert stored[1].startswith("$argon2id$") and "south-secret" not in stored[1]
    assert stored[2] == ["south"]
    assert auth.authenticate("LIN ", "south-secret", db=tmp_db) == Viewer("lin", "dept_head", (), ("south",))
    assert auth.authenticate("lin", "South-secret", db=tmp_db) is None
    assert auth.authenticate("nobody", "south-secret", db=tmp_db) is None
    actions = [(u, a) for u, a, _, _ in _audit_rows(tmp_db)]
    assert actions == [
        ("boss", "user_add"), ("lin", "sign_in"), ("lin", "sign_in_failed"),
        ("(unknown user)", "sign_in_failed"),
    ]
    # a name that is no account is never recorded as typed (it may be a password)
    assert "nobody" not in repr(_audit_rows(tmp_db))


def test_back_off_locks_for_growing_intervals_then_lets_the_right_password_in(tmp_db):
    auth.add_user("ana", "analyst", password="correct-horse", db=tmp_db, by=ADMIN)
    t0 = datetime(2026, 1, 1, 9, 0, 0)
    for i in range(4):
        assert auth.authenticate("ana", "wrong", db=tmp_db, now=t0 + timedelta(seconds=i)) is None
    assert auth.locked_until("ana", db=tmp_db, now=t0) is None
    assert auth.authenticate("ana", "wrong", db=tmp_db, now=t0) is None  # 5th failure: 1 min
    assert auth.locked_until("ana", db=tmp_db, now=t0) == t0 + timedelta(minutes=1)
    # While locked even the right password is refused.
    assert auth.authenticate("ana", "correct-horse", db=tmp_db, now=t0 + timedelta(seconds=30)) is None
    t1 = t0 + timedelta(minutes=1, seconds=1)
    assert auth.authenticate("ana", "wrong", db=tmp_db, now=t1) is None  # 6th failure: 2 min
    assert auth.locked_until("ana", db=tmp_db, now=t1) == t1 + timedelta(minutes=2)
    t2 = t1 + timedelta(minutes=2, seconds=1)
    assert auth.authenticate("ana", "wrong", db=tmp_db, now=t2) is None  # 7th failure: 4 min
    assert auth.locked_until("ana", db=tmp_db, now=t2) == t2 + timedelta(minutes=4)
    t3 = t2 + timedelta(minutes=4, seconds=1)
    assert auth.authenticate("ana", "correct-horse", db=tmp_db, now=t3) == Viewer("ana", "analyst")
    # Success resets the counter: four new failures do not lock again.
    for i in range(4):
        auth.authenticate("ana", "wrong", db=tmp_db, now=t3 + timedelta(seconds=i))
    assert auth.locked_until("ana", db=tmp_db, now=t3) is None
    actions = [a for _, a, _, _ in _audit_rows(tmp_db)]
    assert actions.count("sign_in_locked") == 1
    assert actions.count("sign_in") == 1


def test_lock_interval_is_capped_at_one_hour():
    from warehouse.access.throttle import lock_for

    assert lock_for(4) is None
    assert lock_for(5) == timedelta(minutes=1)
    assert lock_for(9) == timedelta(minutes=16)
    assert lock_for(40) == timedelta(hours=1)


def test_first_admin_password_is_generated_per_install_or_taken_from_env(tmp_path, monkeypatch):
    monkeypatch.delenv("CXRISK_ADMIN_PASSWORD", raising=False)
    one, two = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    first, second = auth.ensure_first_admin(one), auth.ensure_first_admin(two)
    assert first and second and first != second and len(first) >= 16
    assert auth.authenticate("admin", first, db=one) == Viewer("admin", "admin")
    assert auth.authenticate("admin", second, db=one) is None
    assert auth.ensure_first_admin(one) is None  # an admin exists: nothing new, nothing printed

    monkeypatch.setenv("CXRISK_ADMIN_PASSWORD", "from-the-env-1")
    three = tmp_path / "c.duckdb"
    assert auth.ensure_first_admin(three) is None
    assert auth.authenticate("admin", "from-the-env-1", db=three) == Viewer("admin", "admin")

    monkeypatch.setenv("CXRISK_ADMIN_PASSWORD", "short")
    with pytest.raises(auth.AccountError, match="at least 8"):
        auth.ensure_first_admin(tmp_path / "d.duckdb")


def test_user_management_rules(tmp_db):
    auth.add_user("root", "admin", password="rootroot1", db=tmp_db, by="system")
    with pytest.raises(auth.AccountError, match="channel or region"):
        auth.add_user("head", "dept_head", password="longenough", db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="Only a dept_head"):
        auth.add_user("ann", "analyst", password="longenough", regions=["North"], db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="at least 8"):
        auth.add_user("ann", "analyst", password="short", db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="Invalid user name"):
        auth.add_user("a b'; drop table users", "analyst", password="longenough", db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="Unknown role"):
        auth.add_user("ann", "superuser", password="longenough", db=tmp_db, by=ADMIN)
    auth.add_user("ann", "analyst", password="longenough", db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="already exists"):
        auth.add_user("ANN", "manager", password="longenough", db=tmp_db, by=ADMIN)
    for role in ("manager", "analyst", "dept_head"):
        with pytest.raises(PermissionDenied):
            auth.add_user("eve", "admin", password="longenough", db=tmp_db,
                          by=Viewer("x", role, regions=("south",)))
        with pytest.raises(PermissionDenied):
            auth.list_users(viewer=Viewer("x", role, regions=("south",)), db=tmp_db)
    with pytest.raises(auth.AccountError, match="last admin"):
        auth.remove_user("root", db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="last admin"):
        auth.set_access("root", "analyst", db=tmp_db, by=ADMIN)
    with pytest.raises(auth.AccountError, match="your own"):
        auth.remove_user("root", db=tmp_db, by=Viewer("root", "admin"))

    auth.set_access("ann", "dept_head", regions=["North", "East"], db=tmp_db, by=ADMIN)
    assert auth.load_viewer("ann", tmp_db) == Viewer("ann", "dept_head", (), ("east", "north"))
    auth.set_scope("ann", channels=["App"], db=tmp_db, by=ADMIN)
    assert auth.load_viewer("ann", tmp_db) == Viewer("ann", "dept_head", ("app",), ())
    auth.set_disabled("ann", True, db=tmp_db, by=ADMIN)
    assert auth.authenticate("ann", "longenough", db=tmp_db) is None
    with pytest.raises(auth.UnknownUser):
        auth.load_viewer("ann", tmp_db)
    auth.set_disabled("ann", False, db=tmp_db, by=ADMIN)
    auth.set_password("ann", "brand-new-pass", db=tmp_db, by=Viewer("ann", "dept_head", ("app",)))
    assert auth.authenticate("ann", "brand-new-pass", db=tmp_db) is not None
    with pytest.raises(PermissionDenied):
        auth.set_password("root", "hijacked-pass", db=tmp_db, by=Viewer("ann", "dept_head", ("app",)))
    auth.remove_user("ann", db=tmp_db, by=ADMIN)
    assert [u["name"] for u in auth.list_users(viewer=ADMIN, db=tmp_db)] == ["root"]

    entries = [(a, t, json.loads(d)) for _, a, t, d in _audit_rows(tmp_db)]
    role_change = next(d for a, t, d in entries if a == "user_role")
    assert role_change["before"] == {"role": "analyst", "channels": [], "regions": []}
    assert role_change["after"] == {"role": "dept_head", "channels": [], "regions": ["east", "north"]}
    scope_change = next(d for a, t, d in entries if a == "user_scope")
    assert scope_change["before"]["regions"] == ["east", "north"]
    assert scope_change["after"] == {"role": "dept_head", "channels": ["app"], "regions": []}
    assert [a for a, t, _ in entries if t == "ann"] == [
        "user_add", "user_role", "user_scope", "user_disable", "sign_in_failed", "user_enable",
        "user_password", "sign_in", "user_remove",
    ]


def test_list_audit_is_admin_only_and_filters(tmp_db):
    auth.add_user("ann", "analyst", password="longenough", db=tmp_db, by=ADMIN)
    auth.authenticate("ann", "nope-nope", db=tmp_db)
    auth.authenticate("ann", "longenough", db=tmp_db)
    for role in ("analyst", "manager", "dept_head"):
        with pytest.raises(PermissionDenied):
            list_audit(viewer=Viewer("x", role, regions=("south",)), db=tmp_db)
    everything = list_audit(viewer=ADMIN, db=tmp_db)
    assert list(everything["action"]) == ["sign_in", "sign_in_failed", "user_add"]  # newest first
    failed = list_audit(viewer=ADMIN, db=tmp_db, actions=["sign_in_failed"])
    assert list(failed["user_name"]) == ["ann"]
    assert list(list_audit(viewer=ADMIN, db=tmp_db, users=["BOSS"])["action"]) == ["user_add"]
    assert list_audit(viewer=ADMIN, db=tmp_db, text="' or '1'='1").empty
    assert len(list_audit(viewer=ADMIN, db=tmp_db, text="wrong password")) == 1
    today = datetime.now().date()
    assert len(list_audit(viewer=ADMIN, db=tmp_db, start=today - timedelta(days=1))) == 3
    assert list_audit(viewer=ADMIN, db=tmp_db, end=today - timedelta(days=2)).empty
