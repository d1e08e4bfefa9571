"""Alert messages reach a real SMTP server and a real webhook server, in the target's language, once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from warehouse.access.scope import SYSTEM
from warehouse.alerting.notify import dispatch, outbox, targets

ROOT = Path(__file__).resolve().parents[2]


def _add(name, *, user="test", db=None, **fields):
    return targets.add_target(targets.build(name, **fields), user=user, db=db)


def _shanghai(at) -> str:
    """UTC → Asia/Shanghai (UTC+8 all year), as the messages print it."""
    return (at + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")


def test_opened_alert_reaches_webhook_in_english_and_email_in_chinese(
        notify_db, webhook, mailbox, make_alert):
    _add("ops-hook", webhook=webhook.url, lang="en", db=notify_db)
    _add("ops-mail", email="duty@example.com", lang="zh", db=notify_db)
    alert_id = make_alert(measured=25.0, limit=20.0, level="red", response="II")
    with_opened = outbox.now_utc()

    summary = dispatch(db=notify_db)

    assert summary["queued"] == 2 and summary["sent"] == 2
    assert len(webhook.posts) == 1 and len(mailbox.messages) == 1
    post = webhook.posts[0]["json"]
    assert post["title"] == (f"[RED alert] Complaints about one product within 24 h · "
                             f"product = Kettle K2 (#{alert_id})")
    body = post["message"]
    assert "Where: product = Kettle K2" in body
    assert "Value 25 against the red limit 20: over by 5 (25%)." in body
    assert "Response level II (serious, led by the incident group):" in body
    assert "incident meeting: due " in body and "first measures public: due " in body
    assert f"Open in the app: http://cx.example.com:8501/alerts?alert={alert_id}&lang=en" in body
    assert "Times in Asia/Shanghai." in body

    mail = mailbox.messages[0]
    assert mail["to"] == ["duty@example.com"] and mail["mail_from"] == "cx-monitor@example.com"
    assert mail["subject"] == f"【红色预警】单一产品24小时投诉量 · 产品 = Kettle K2 (#{alert_id})"
    assert "当前值 25，红色阈值 20：超出 5（25%）。" in mail["body"]
    assert "响应等级 II（重大，由事件处置小组牵头）：" in mail["body"]
    assert "召开事件会议：截止" in mail["body"]
    assert f"alerts?alert={alert_id}&lang=zh-CN" in mail["body"]
    # the event happened moments before: the clock's due time is an hour after the opening
    assert _shanghai(with_opened + timedelta(hours=1))[:13] in mail["body"]


def test_each_message_is_sent_once_across_restarts_and_two_processes(
        notify_db, webhook, make_alert):
    _add("ops-hook", webhook=webhook.url, db=notify_db)
    make_alert()
    dispatch(db=notify_db)
    dispatch(db=notify_db)
    assert len(webhook.posts) == 1

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "warehouse", "notify", "dispatch", "--db", str(notify_db)]
    # a restarted process finds nothing new to send
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
    assert len(webhook.posts) == 1

    # two processes at once, with three new alerts: every alert reaches the receiver once
    made = {make_alert(value=f"Kettle K{i}") for i in range(3, 6)}
    runs = [subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    titles = [p["json"]["title"] for p in webhook.posts[1:]]
    assert sorted(titles) == sorted({t for t in titles})
    assert {int(t.rsplit("#", 1)[1].rstrip(")")) for t in titles} == made


def test_a_down_receiver_is_retried_with_back_off_and_the_failure_is_visible(
        notify_db, webhook, make_alert):
    _add("ops-hook", webhook=webhook.url, db=notify_db)
    webhook.stop()
    make_alert()
    start = outbox.now_utc()

    first = dispatch(db=notify_db, now=start)
    assert first == {"queued": 1, "sent": 0, "failed": 0, "retrying": 1}
    row = outbox.outbox(viewer=SYSTEM, db=notify_db).iloc[0]
    assert row["status"] == "pending" and row["attempts"] == 1
    assert row["last_error"]  # what went wrong is kept for the page
    assert row["next_attempt_at"] - start >= timedelta(seconds=29)

    # not due yet: nothing is tried
    assert dispatch(db=notify_db, now=start + timedelta(seconds=10))["retrying"] == 0

    webhook.start()
    second = dispatch(db=notify_db, now=start + timedelta(seconds=31))
    assert second["sent"] == 1 and len(webhook.posts) == 1
    row = outbox.outbox(viewer=SYSTEM, db=notify_db).iloc[0]
    assert row["status"] == "sent" and row["attempts"] == 2 and row["last_error"] is None


def test_a_message_is_given_up_after_the_last_attempt_and_can_be_sent_again(
        notify_db, webhook, make_alert):
    _add("ops-hook", webhook=webhook.url, digest=False, db=notify_db)
    webhook.stop()
    make_alert(clocks=[])  # no response clock: no reminders on the way
    at = outbox.now_utc()
    for _ in range(outbox.MAX_ATTEMPTS):
        dispatch(db=notify_db, now=at)
        at += timedelta(hours=2)  # beyond the longest back-off
    assert outbox.outbox(viewer=SYSTEM, db=notify_db).iloc[0]["status"] == "failed"
    assert outbox.status_counts(viewer=SYSTEM, db=notify_db)["failed"] == 1

    webhook.start()
    assert outbox.retry_failed(db=notify_db, now=at) == 1
    assert dispatch(db=notify_db, now=at)["sent"] == 1
    assert len(webhook.posts) == 1


def test_escalation_overdue_clock_and_resolve_each_notify_once(
        notify_db, webhook, make_alert, alert_event):
    _add("ops-hook", webhook=webhook.url, digest=False, db=notify_db)
    opened = outbox.now_utc()
    alert_id = make_alert(level="yellow", measured=8.0, limit=5.0, response="III", opened_at=opened,
                          clocks=[{"task": "cause and plan",
                                   "due_at": str(opened + timedelta(hours=24))}])
    dispatch(db=notify_db)
    alert_event(alert_id, "escalated", level="red", value=25.0, from_state="firing",
                to_state="firing",
                update_sql="update alerts set level = 'red', value = 25, limit_value = 20 "
                           "where alert_id = ?")
    dispatch(db=notify_db)
    dispatch(db=notify_db, now=opened + timedelta(hours=25))  # the 24 h clock has run out
    dispatch(db=notify_db, now=opened + timedelta(hours=26))
    alert_event(alert_id, "resolved", value=3.0, from_state="firing", to_state="resolved",
                update_sql="update alerts set state = 'resolved', resolved_at = now()::timestamp "
                           "where alert_id = ?")
    dispatch(db=notify_db)
    dispatch(db=notify_db)

    titles = [p["json"]["title"] for p in webhook.posts]
    assert [t.split("]")[0] + "]" for t in titles] == [
        "[YELLOW alert]", "[Escalated to RED]", "[Overdue: cause and plan]", "[Resolved]"]
    assert "Value 25 against the red limit 20: over by 5 (25%)." in webhook.posts[1]["json"]["message"]
    assert "overdue by 1 h" in webhook.posts[2]["json"]["message"]


def test_delivery_times_are_kept_per_message(notify_db, webhook, make_alert):
    _add("ops-hook", webhook=webhook.url, db=notify_db)
    make_alert()
    dispatch(db=notify_db)
    row = outbox.outbox(viewer=SYSTEM, db=notify_db).iloc[0]
    received = webhook.posts[0]["at"]
    assert row["sent_at"] >= row["happened_at"]
    assert abs((row["sent_at"] - received).total_seconds()) < 5
    assert row["seconds_to_send"] == pytest.approx(
        (row["sent_at"] - row["happened_at"]).total_seconds(), abs=1e-5)
