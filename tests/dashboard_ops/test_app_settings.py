"""warehouse.config.app_settings: defaults from the environment, validated edits, history and audit."""

from __future__ import annotations

import json

import pytest

from warehouse.access.scope import SYSTEM
from warehouse.config import app_settings
from warehouse.storage.db import connect


def _audit(db):
    with connect(db) as con:
        return con.execute(
            "select user_name, action, target, detail from audit_log order by audit_id"
        ).fetchall()


def test_unset_settings_come_from_the_environment(tmp_db, monkeypatch):
    monkeypatch.setenv("CXRISK_CURRENCY", "USD")
    monkeypatch.setenv("CXRISK_REFRESH_SECONDS", "45")
    monkeypatch.delenv("CXRISK_LANG", raising=False)
    assert app_settings.get("currency", db=tmp_db) == "USD"
    assert app_settings.get("refresh_seconds", db=tmp_db) == 45
    assert app_settings.get("language", db=tmp_db) == "en"
    assert app_settings.get("no_such_key", "fallback", db=tmp_db) == "fallback"


def test_a_stored_value_wins_and_is_kept_with_history_and_audit(tmp_db, monkeypatch):
    monkeypatch.setenv("CXRISK_TZ", "Asia/Shanghai")
    assert app_settings.set("timezone", " Europe/Berlin ", user="ann", db=tmp_db) == "Europe/Berlin"
    assert app_settings.get("timezone", db=tmp_db) == "Europe/Berlin"
    app_settings.set("timezone", "UTC", user="bob", db=tmp_db)
    history = app_settings.history("timezone", viewer=SYSTEM, db=tmp_db)
    assert [(h["before"], h["after"], h["changed_by"]) for h in history] == [
        ("Europe/Berlin", "UTC", "bob"),
        ("Asia/Shanghai", "Europe/Berlin", "ann"),
    ]
    audit = _audit(tmp_db)
    assert [(u, a, t) for u, a, t, _ in audit] == [
        ("ann", "setting_change", "timezone"),
        ("bob", "setting_change", "timezone"),
    ]
    assert json.loads(audit[1][3]) == {"before": "Europe/Berlin", "after": "UTC"}


def test_saving_the_same_value_again_records_nothing(tmp_db):
    app_settings.set("currency", "usd", user="ann", db=tmp_db)
    app_settings.set("currency", "USD", user="ann", db=tmp_db)
    assert len(app_settings.history("currency", viewer=SYSTEM, db=tmp_db)) == 1
    assert len(_audit(tmp_db)) == 1


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("language", "fr", "en, zh-CN"),
        ("refresh_seconds", "soon", "whole number"),
        ("refresh_seconds", 1, "between 5 and 3600"),
        ("timezone", "Mars/Olympus", "IANA"),
        ("currency", "yuan", "three-letter"),
    ],
)
def test_bad_values_are_refused_with_a_message_and_change_nothing(tmp_db, key, value, words):
    with pytest.raises(app_settings.SettingError, match=words):
        app_settings.set(key, value, user="ann", db=tmp_db)
    assert app_settings.history(viewer=SYSTEM, db=tmp_db) == []
    assert _audit(tmp_db) == []


def test_get_all_lists_every_known_setting(tmp_db, monkeypatch):
    app_settings.set("language", "zh-cn", user="ann", db=tmp_db)
    values = app_settings.get_all(db=tmp_db)
    assert set(values) == {"language", "refresh_seconds", "monitor_seconds", "timezone", "currency",
                           "app_base_url", "notify_digest_time", "report_send_time"}
    assert values["language"] == "zh-CN"


def test_other_keys_round_trip_as_plain_data(tmp_db):
    app_settings.set("report_footer", {"text": "内部资料", "show": True}, user="ann", db=tmp_db)
    assert app_settings.get("report_footer", db=tmp_db) == {"text": "内部资料", "show": True}
    with pytest.raises(app_settings.SettingError):
        app_settings.set("report_footer", object(), user="ann", db=tmp_db)


def test_app_address_and_digest_time_are_checked(tmp_db, monkeypatch):
    monkeypatch.setenv("CXRISK_BASE_URL", "https://cx.example.com/")
    assert app_settings.get("app_base_url", db=tmp_db) == "https://cx.example.com/"
    assert app_settings.set("app_base_url", "https://risk.example.com/", user="ann",
                            db=tmp_db) == "https://risk.example.com"
    assert app_settings.set("notify_digest_time", "7:05", user="ann", db=tmp_db) == "07:05"
    for key, bad in (("app_base_url", "risk.example.com"), ("notify_digest_time", "24:00"),
                     ("notify_digest_time", "8.30")):
        with pytest.raises(app_settings.SettingError):
            app_settings.set(key, bad, user="ann", db=tmp_db)
