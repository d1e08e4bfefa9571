"""`python -m warehouse users …` and `init-admin` as a user scripts them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from warehouse.__main__ import main
from warehouse.access import auth
from warehouse.access.scope import Viewer

ROOT = Path(__file__).resolve().parents[2]


def test_users_add_list_remove(tmp_db, capsys, monkeypatch):
    monkeypatch.setenv("HEAD_PW", "south-head-pw")
    db = str(tmp_db)
    assert main(["users", "add", "Lin", "--role", "dept_head", "--region", "South",
                 "--channel", "App", "--password-env", "HEAD_PW", "--db", db]) == 0
    assert "Added lin (dept_head)" in capsys.readouterr().out
    assert auth.authenticate("lin", "south-head-pw", db=tmp_db) == Viewer(
        "lin", "dept_head", ("app",), ("south",))

    assert main(["users", "list", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["users"]
    assert [(u["name"], u["role"], u["channels"], u["regions"]) for u in listed] == [
        ("lin", "dept_head", ["app"], ["south"])]
    assert "password_hash" not in listed[0] and "south-head-pw" not in json.dumps(listed)

    assert main(["users", "list", "--db", db]) == 0
    assert "region=south" in capsys.readouterr().out

    assert main(["users", "scope", "lin", "--region", "North", "--db", db]) == 0
    assert auth.load_viewer("lin", tmp_db).regions == ("north",)
    capsys.readouterr()

    assert main(["users", "remove", "lin", "--db", db]) == 0
    assert main(["users", "list", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["users"] == []


def test_users_errors_are_one_clear_line(tmp_db, capsys, monkeypatch):
    monkeypatch.delenv("NOPE_PW", raising=False)
    db = str(tmp_db)
    assert main(["users", "add", "x", "--role", "analyst", "--password-env", "NOPE_PW", "--db", db]) == 1
    assert "NOPE_PW is not set" in capsys.readouterr().err
    monkeypatch.setenv("PW", "longenough")
    assert main(["users", "add", "x", "--role", "dept_head", "--password-env", "PW", "--db", db]) == 1
    assert "needs at least one channel or region" in capsys.readouterr().err
    assert main(["users", "remove", "ghost", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "No user named 'ghost'" in err and "Traceback" not in err


def test_init_admin_prints_a_generated_password_once(tmp_db):
    env = {k: v for k, v in os.environ.items() if k != "CXRISK_ADMIN_PASSWORD"}
    cmd = [sys.executable, "-m", "warehouse", "init-admin", "--db", str(tmp_db)]
    first = subprocess.run(cmd, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    password = next(line.split(":", 1)[1].strip() for line in first.stdout.splitlines()
                    if line.strip().startswith("password:"))
    assert auth.authenticate("admin", password, db=tmp_db) == Viewer("admin", "admin")
    again = subprocess.run(cmd, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stdout == "" and password not in again.stderr


def test_init_admin_takes_the_env_password_and_prints_nothing_secret(tmp_db, capsys, monkeypatch):
    monkeypatch.setenv("CXRISK_ADMIN_PASSWORD", "env-admin-pass")
    assert main(["init-admin", "--db", str(tmp_db)]) == 0
    out = capsys.readouterr()
    assert "env-admin-pass" not in out.out + out.err
    assert auth.authenticate("admin", "env-admin-pass", db=tmp_db) is not None
