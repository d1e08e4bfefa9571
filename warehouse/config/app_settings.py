"""Admin-edited application settings kept in the warehouse, with history and audit."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import available_timezones

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer
from warehouse.config.settings import get_settings
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

LANGUAGES = ("en", "zh-CN")
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD", "KRW", "AUD", "CAD")


class SettingError(ValueError):
    """A value an admin typed is not acceptable; the message says what is."""


@dataclass(frozen=True)
class SettingSpec:
    """One user-editable setting: where its default comes from and how a value is checked."""

    key: str
    default: Callable[[], Any]
    clean: Callable[[Any], Any]


def _language(value: Any) -> str:
    text = str(value).strip()
    for lang in LANGUAGES:
        if text.lower() == lang.lower():
            return lang
    raise SettingError(f"Language must be one of {', '.join(LANGUAGES)}.")


def _int_between(low: int, high: int, what: str) -> Callable[[Any], int]:
    def clean(value: Any) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise SettingError(f"{what} must be a whole number between {low} and {high}.") from None
        if not low <= number <= high:
            raise SettingError(f"{what} must be between {low} and {high}.")
        return number

    return clean


def _timezone(value: Any) -> str:
    text = str(value).strip()
    if text not in available_timezones():
        raise SettingError(f"Unknown time zone {text!r}; use an IANA name such as Asia/Shanghai.")
    return text


def _base_url(value: Any) -> str:
    text = str(value).strip().rstrip("/")
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", text):
        raise SettingError("The app address must start with http:// or https://, e.g. "
                           "https://cx.example.com.")
    return text


def _clock_time(value: Any) -> str:
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise SettingError("A time of day is written HH:MM, e.g. 08:30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _currency(value: Any) -> str:
    text = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise SettingError("Currency must be a three-letter ISO code such as CNY or USD.")
    return text


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("language", lambda: get_settings().language, _language),
        SettingSpec(
            "refresh_seconds",
            lambda: get_settings().refresh_seconds,
            _int_between(5, 3600, "Refresh interval (seconds)"),
        ),
        SettingSpec(
            "monitor_seconds",
            lambda: get_settings().monitor_seconds,
            _int_between(5, 86400, "Monitor interval (seconds)"),
        ),
        SettingSpec("timezone", lambda: get_settings().timezone, _timezone),
        SettingSpec("currency", lambda: get_settings().currency, _currency),
        SettingSpec("app_base_url", lambda: get_settings().base_url, _base_url),
        SettingSpec("notify_digest_time", lambda: get_settings().digest_time, _clock_time),
        SettingSpec("report_send_time", lambda: get_settings().report_time, _clock_time),
    )
}


def _decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def get(key: str, default: Any = None, db: str | os.PathLike | None = None) -> Any:
    """The stored value of KEY; when never set, the environment/default setting, else DEFAULT.

    Keys other than the known settings (e.g. the CSI matrix) are returned as stored.
    """
    with connect(db) as con:
        return read(con, key, default)


def read(con, key: str, default: Any = None) -> Any:
    """get() on a connection the caller holds (background jobs read several things at once)."""
    row = sqlfiles.one(con, "app_settings/get.sql", {"key": key})
    if row is not None:
        return _decode(row["value"])
    if key in SPECS:
        return SPECS[key].default()
    return default


def get_all(db: str | os.PathLike | None = None) -> dict[str, Any]:
    """Every known setting's effective value (stored, else the environment default)."""
    with connect(db) as con:
        stored = {r["key"]: _decode(r["value"]) for r in sqlfiles.rows(con, "app_settings/all.sql")}
    return {key: stored.get(key, spec.default()) for key, spec in SPECS.items()}


def set(key: str, value: Any, *, user: Viewer | str, db: str | os.PathLike | None = None) -> Any:
    """Store KEY = VALUE (validated for known keys), with history and an audit entry.

    USER is the signed-in Viewer (checked for edit_settings) or a trusted system caller's name.
    Returns the value as stored. Raises SettingError with a message fit to show a user and
    PermissionDenied when the viewer's role may not change settings.
    """
    user = acting_name(user, "edit_settings")
    if key in SPECS:
        value = SPECS[key].clean(value)
    try:
        after = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        raise SettingError(f"The value for {key} cannot be stored (not plain data).") from None
    with connect(db, write=True) as con, transaction(con):
        row = sqlfiles.one(con, "app_settings/get.sql", {"key": key})
        before = row["value"] if row else None
        if before is not None and _decode(before) == value:
            return value  # nothing changed: the empty transaction commits
        if before is None and key in SPECS:
            # The history shows what was in effect before, even when that was the default.
            before = json.dumps(SPECS[key].default(), ensure_ascii=False)
        params = {"key": key, "value": after, "before": before, "after": after, "user": user}
        sqlfiles.execute(con, "app_settings/upsert.sql", params)
        sqlfiles.execute(con, "app_settings/record_history.sql", params)
        audit.record(
            con, user, "setting_change", key, {"before": _decode(before), "after": value}
        )
    return value


def history(
    key: str | None = None, *, viewer: Viewer, db: str | os.PathLike | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Changes of the settings (or of one KEY), newest first, values decoded."""
    with connect(db) as con:
        found = sqlfiles.rows(con, "app_settings/history.sql", {"key": key, "limit": limit})
    for row in found:
        row["before"], row["after"] = _decode(row["before"]), _decode(row["after"])
    return found
