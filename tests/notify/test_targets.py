"""Targets as data: the CLI, checks with clear messages, secrets kept out of the warehouse."""

from __future__ import annotations

import json

import duckdb
import pytest

from warehouse.__main__ import main
from warehouse.alerting.notify import dispatch, targets


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["notify", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_list_test_and_remove_from_the_command_line(notify_db, webhook, capsys):
    db = str(notify_db)
    code, out, _ = _cli(capsys, "add", "ops", "--webhook", webhook.url, "--min-level", "red",
                        "--region", "East", "--region", "north", "--lang", "zh", "--db", db)
    assert code == 0 and "Added target ops." in out
    code, out, _ = _cli(capsys, "list", "--json", "--db", db)
    [row] = json.loads(out)["targets"]
    assert (row["name"], row["kind"], row["min_level"], row["lang"]) == ("ops", "webhook", "red", "zh")
    assert row["regions"] == ["east", "north"] and row["address"] == webhook.url

    code, out, _ = _cli(capsys, "test", "ops", "--db", db)
    assert code == 0 and len(webhook.posts) == 1
    assert webhook.posts[0]["json"]["title"] == "【测试消息】CX Risk Monitor"

    code, _, err = _cli(capsys, "add", "ops", "--webhook", webhook.url, "--db", db)
    assert code == 1 and err.strip() == ("notify: A target named 'ops' exists; remove it first "
                                         "or pick another name.")
    code, _, _ = _cli(capsys, "remove", "ops", "--db", db)
    assert code == 0 and targets.list_targets(notify_db) == []


@pytest.mark.parametrize("args, message", [
    (["--email", "not-an-address"], "'not-an-address' is not an e-mail address."),
    (["--webhook", "ftp://x/y"], "'ftp://x/y' is not a web address"),
    (["--url", "nosuchscheme://x"], "Apprise does not understand 'nosuchscheme://x'"),
    (["--url", "wecombot://abcdefgh12345678"], "This URL holds a secret in clear."),
    (["--webhook", "http://127.0.0.1:9/x", "--rule", "no_such_rule"], "Unknown rule 'no_such_rule'"),
    (["--webhook", "http://127.0.0.1:9/x", "--user", "nobody"], "No account named 'nobody'."),
])
def test_bad_input_ends_in_one_clear_line(notify_db, capsys, args, message):
    code, _, err = _cli(capsys, "add", "t1", *args, "--db", str(notify_db))
    assert code == 1 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert targets.list_targets(notify_db) == []


def test_a_failed_test_says_why(notify_db, capsys):
    targets.add_target(targets.build("dead", webhook="http://127.0.0.1:9/hook"), user="t",
                       db=notify_db)
    code, _, err = _cli(capsys, "test", "dead", "--db", str(notify_db))
    assert code == 1 and err.startswith("notify: the test to dead failed:")


def test_secrets_stay_out_of_the_warehouse_and_the_audit_log(notify_db, webhook, monkeypatch,
                                                              tmp_path, make_alert):
    # The token of a WeCom-style URL lives in the secrets file; the target stores its name.
    (tmp_path / "secrets.toml").write_text('[notify]\nHOOK_TOKEN = "s3cr3t-t0ken"\n')
    hook = f"json://127.0.0.1:{webhook.port}/hook/${{HOOK_TOKEN}}"
    targets.add_target(targets.build("bot", url=hook), user="t", db=notify_db)
    monkeypatch.setenv("CXRISK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CXRISK_SMTP_USER", "mailer")
    monkeypatch.setenv("CXRISK_SMTP_PASSWORD", "smtp-pa55word")
    targets.add_target(targets.build("mail", email="a@example.com"), user="t", db=notify_db)
    make_alert()
    dispatch(db=notify_db)  # the mail fails (no server): its error is stored

    assert webhook.posts[0]["path"] == "/hook/s3cr3t-t0ken"  # resolved at send time
    with duckdb.connect(str(notify_db), read_only=True) as con:
        dump = json.dumps([con.execute(f"select * from {t}").fetchall()
                           for t in ("notify_targets", "notify_outbox", "audit_log")], default=str)
    assert "${HOOK_TOKEN}" in dump
    assert "s3cr3t-t0ken" not in dump and "smtp-pa55word" not in dump
