"""Routes: level, rule and scope filters; a department head's route never hears of other scopes."""

from __future__ import annotations

import pytest

from warehouse.access import auth
from warehouse.alerting.notify import dispatch, targets


def _add(name, db, **fields):
    return targets.add_target(targets.build(name, **fields), user="test", db=db)


def _ids(posts, path):
    return sorted(int(p["json"]["title"].rsplit("#", 1)[1].rstrip(")"))
                  for p in posts if p["path"] == path)


@pytest.fixture
def east_head(notify_db):
    auth.add_user("east.head", "dept_head", password="a-long-password", regions=["East"],
                  by="test", db=notify_db)
    return "east.head"


def test_scope_level_and_rule_filters_route_each_alert(notify_db, webhook, make_alert, east_head):
    base = webhook.url
    _add("everyone", notify_db, webhook=f"{base}/all")
    _add("red-only", notify_db, webhook=f"{base}/red", min_level="red")
    _add("east-team", notify_db, webhook=f"{base}/east", regions=["East"])
    _add("phone-team", notify_db, webhook=f"{base}/phone", channels=["Phone"])
    _add("east-head", notify_db, webhook=f"{base}/head", user=east_head)
    _add("csat-only", notify_db, webhook=f"{base}/csat", rules=["csat_top2"])

    east = make_alert(rule_id="spc_complaints_per_region", dim="region", value="East",
                      level="yellow", response="III")
    west = make_alert(rule_id="spc_complaints_per_region", dim="region", value="West")
    phone = make_alert(rule_id="csat_top2", dim="channel", value="Phone", level="yellow",
                       measured=55.0, limit=60.0, response="III")
    product = make_alert()  # product alerts lie inside no department

    dispatch(db=notify_db)

    posts = webhook.posts
    assert _ids(posts, "/hook/all") == sorted([east, west, phone, product])
    assert _ids(posts, "/hook/red") == sorted([west, product])
    assert _ids(posts, "/hook/east") == [east]
    assert _ids(posts, "/hook/phone") == [phone]
    assert _ids(posts, "/hook/head") == [east]
    assert _ids(posts, "/hook/csat") == [phone]


def test_a_disabled_account_route_receives_nothing(notify_db, webhook, make_alert, east_head):
    _add("east-head", notify_db, webhook=webhook.url, user=east_head)
    auth.set_disabled(east_head, True, by="test", db=notify_db)
    make_alert(rule_id="spc_complaints_per_region", dim="region", value="East")
    dispatch(db=notify_db)
    assert webhook.posts == []


def test_a_below_limit_value_reads_as_under(notify_db, webhook, make_alert):
    _add("zh", notify_db, webhook=webhook.url, lang="zh")
    make_alert(rule_id="csat_top2", dim="channel", value="Phone", level="red", measured=35.0,
               limit=40.0, response="II")
    dispatch(db=notify_db)
    body = webhook.posts[0]["json"]["message"]
    assert "当前值 35，红色阈值 40：低于阈值 5（12%）。" in body
    assert "范围：渠道 = Phone" in body
