"""Settings → Notifications: an admin adds, tests and removes a target and sees the outbox."""

from __future__ import annotations

from warehouse.access.scope import SYSTEM
from warehouse.alerting.notify import outbox, targets


def _tab(at, label):
    return next(tab for tab in at.tabs if tab.label == label)


def test_admin_adds_tests_and_removes_a_target(tiny_db, app_test):
    at = app_test(tiny_db, "root", query={"lang": "en"}).run()
    at.switch_page("pages/settings.py").run()
    assert not at.exception
    tab = _tab(at, "Notifications")
    assert any("Nobody is notified yet" in i.value for i in tab.info)

    at.text_input(key="notify_add_name").set_value("ops")
    at.selectbox(key="notify_add_kind").set_value("webhook")
    at.text_input(key="notify_add_address").set_value("http://127.0.0.1:9/hook")
    at.text_input(key="notify_add_regions").set_value("North, South")
    at.selectbox(key="notify_add_lang").set_value("zh")
    at.button(key="notify_add_submit").click().run()
    assert not at.exception
    [target] = targets.list_targets(tiny_db)
    assert (target.name, target.kind, target.regions, target.lang) == (
        "ops", "webhook", ("north", "south"), "zh")
    assert any("Target ops added." in s.value for s in at.success)

    at.button(key="notify_test_button").click().run()  # nothing listens on port 9
    assert not at.exception
    assert any("The test to ops failed" in e.value for e in at.error)
    assert outbox.status_counts(viewer=SYSTEM, db=tiny_db)["failed"] == 1
    [box] = [d.value for d in at.dataframe if "Last error" in d.value.columns]
    assert box.iloc[0]["Status"] == "failed" and box.iloc[0]["Attempts"] == 1

    at.button(key="notify_remove_button").click().run()
    assert targets.list_targets(tiny_db) == []


def test_a_bad_address_is_refused_with_a_message(tiny_db, app_test):
    at = app_test(tiny_db, "root", query={"lang": "en"}).run()
    at.switch_page("pages/settings.py").run()
    at.text_input(key="notify_add_name").set_value("bot")
    at.selectbox(key="notify_add_kind").set_value("url")
    at.text_input(key="notify_add_address").set_value("wecombot://abcdefgh12345678")
    at.button(key="notify_add_submit").click().run()
    assert not at.exception
    assert any("holds a secret in clear" in e.value for e in at.error)
    assert targets.list_targets(tiny_db) == []


def test_other_roles_are_told_only_admins_manage_targets(tiny_db, app_test):
    at = app_test(tiny_db, "ana", query={"lang": "en"}).run()
    at.switch_page("pages/settings.py").run()
    assert not at.exception
    assert any("Only admins manage" in i.value for i in _tab(at, "Notifications").info)
