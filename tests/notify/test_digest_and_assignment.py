"""The daily digest at its set time, once a day; assigning an alert tells its owner."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from warehouse.access.scope import Viewer
from warehouse.alerting import assignments
from warehouse.alerting.notify import dispatch, outbox, targets
from warehouse.config import app_settings


def _add(name, db, **fields):
    return targets.add_target(targets.build(name, **fields), user="test", db=db)


def test_the_digest_is_sent_once_a_day_after_its_time(notify_db, webhook, make_alert):
    app_settings.set("notify_digest_time", "09:00", user="test", db=notify_db)
    _add("ops", notify_db, webhook=webhook.url)
    make_alert(level="red")
    make_alert(value="Kettle K9", level="yellow", response="III")
    dispatch(db=notify_db)
    webhook.posts.clear()

    day = outbox.now_utc().date() + timedelta(days=3)
    # 00:59 UTC is 08:59 in Shanghai: not yet; 01:00 UTC is 09:00: the digest goes out
    early = datetime.combine(day, datetime.min.time()) + timedelta(minutes=59)
    dispatch(db=notify_db, now=early)
    assert not [p for p in webhook.posts if "digest" in p["json"]["title"]]
    dispatch(db=notify_db, now=early + timedelta(minutes=1))
    dispatch(db=notify_db, now=early + timedelta(hours=5))
    digests = [p for p in webhook.posts if "digest" in p["json"]["title"]]
    assert len(digests) == 1
    assert digests[0]["json"]["title"] == f"Alert digest {day.isoformat()}: 2 open (1 red)"
    assert "Open alerts (2):" in digests[0]["json"]["message"]


def test_digest_time_must_be_a_clock_time(notify_db):
    with pytest.raises(app_settings.SettingError, match="HH:MM"):
        app_settings.set("notify_digest_time", "25:00", user="test", db=notify_db)


def test_assigning_an_alert_notifies_the_owner_only(notify_db, webhook, make_alert):
    _add("li.wei", notify_db, webhook=f"{webhook.url}/li", lang="zh")
    _add("someone-else", notify_db, webhook=f"{webhook.url}/other", min_level="red")
    alert_id = make_alert()
    dispatch(db=notify_db)
    webhook.posts.clear()

    due = outbox.now_utc().replace(microsecond=0) + timedelta(hours=3)
    result = assignments.assign(alert_id, owner="li.wei", due_at=due, note="call the supplier",
                                viewer=Viewer("ana", "analyst"), db=notify_db)
    assert result["notified"] == ["li.wei"]
    dispatch(db=notify_db)
    [post] = webhook.posts
    assert post["path"] == "/hook/li"
    assert post["json"]["title"].startswith("【预警已指派给您】")
    assert "负责人：li.wei。" in post["json"]["message"]
    assert "说明：call the supplier。指派人：ana。" in post["json"]["message"]
    orders = assignments.assignments(alert_id, viewer=Viewer("ana", "analyst"), db=notify_db)
    assert list(orders["owner"]) == ["li.wei"]


def test_a_manager_may_not_assign(notify_db, make_alert):
    from warehouse.access.permissions import PermissionDenied

    alert_id = make_alert()
    with pytest.raises(PermissionDenied):
        assignments.assign(alert_id, owner="x", viewer=Viewer("m", "manager"), db=notify_db)
