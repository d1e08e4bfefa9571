"""Notification targets as data: who receives which alerts, where, in which language."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import apprise

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer, _norm
from warehouse.alerting.audience import audience_of
from warehouse.alerting.notify import credentials
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

KINDS = ("email", "webhook", "url")
LEVELS = ("yellow", "red")
LANGS = ("en", "zh")
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class TargetError(ValueError):
    """A target that cannot be added or found; the message says what to do."""


@dataclass(frozen=True)
class Target:
    name: str
    kind: str
    address: str
    min_level: str = "yellow"
    regions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    user_name: str | None = None
    lang: str = "en"
    digest: bool = True
    quarterly_report: bool = False  # the quarterly risk report (PDF) on its schedule
    enabled: bool = True
    created_by: str | None = None
    created_at: datetime | None = None

    @property
    def shown_address(self) -> str:
        """The address with any secret Apprise knows of masked (references are shown as names)."""
        if self.kind != "url" or credentials.references(self.address):
            return self.address
        plugin = apprise.Apprise.instantiate(self.address)
        return plugin.url(privacy=True) if plugin else self.address

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "address": self.shown_address,
                "min_level": self.min_level, "regions": list(self.regions),
                "channels": list(self.channels), "rules": list(self.rules),
                "user": self.user_name, "lang": self.lang, "digest": self.digest,
                "quarterly_report": self.quarterly_report,
                "enabled": self.enabled, "created_by": self.created_by,
                "created_at": self.created_at.isoformat() if self.created_at else None}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check_name(name: str) -> str:
    clean = str(name or "").strip()
    if not _NAME.match(clean):
        raise TargetError(f"Invalid target name {name!r}: use 1–64 letters, digits, '.', '_', "
                          "'@' or '-'.")
    return clean


def _check_url(address: str) -> str:
    """An Apprise URL that Apprise understands and that holds no secret in clear."""
    url = address.strip()
    probe = url
    for ref in credentials.references(url):
        probe = probe.replace("${" + ref + "}", "secretref")
    plugin = apprise.Apprise.instantiate(probe)
    if plugin is None:
        raise TargetError(f"Apprise does not understand {url!r}; see the Apprise URL list "
                          "(e.g. json://host/path, mailto://…, wecombot://KEY).")
    if not credentials.references(url) and plugin.url(privacy=True) != plugin.url():
        raise TargetError(
            "This URL holds a secret in clear. Put the secret in an environment variable or in "
            ".streamlit/secrets.toml and write ${NAME} in its place, e.g. wecombot://${WECOM_KEY}."
        )
    return url


def _check_webhook(address: str) -> str:
    url = address.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TargetError(f"{address!r} is not a web address; a webhook is http(s)://host/path.")
    if parts.password:
        raise TargetError("Write the webhook's password as ${NAME} (environment or secrets file), "
                          "not in clear.")
    return url


def build(name: str, *, email: str | None = None, webhook: str | None = None,
          url: str | None = None, min_level: str = "yellow", regions=(), channels=(), rules=(),
          user: str | None = None, lang: str = "en", digest: bool = True,
          quarterly_report: bool = False) -> Target:
    """A checked target from what an admin typed (not stored yet)."""
    given = [(k, v) for k, v in (("email", email), ("webhook", webhook), ("url", url))
             if v and str(v).strip()]
    if len(given) != 1:
        raise TargetError("Give exactly one of --email ADDRESS, --webhook URL or --url APPRISE_URL.")
    kind, address = given[0]
    if kind == "email":
        address = address.strip()
        if not _EMAIL.match(address):
            raise TargetError(f"{address!r} is not an e-mail address.")
    elif kind == "webhook":
        address = _check_webhook(address)
    else:
        address = _check_url(address)
    if min_level not in LEVELS:
        raise TargetError(f"The lowest level must be one of {', '.join(LEVELS)}.")
    lang = {"zh-cn": "zh", "zh": "zh", "en": "en"}.get(str(lang).strip().lower())
    if lang is None:
        raise TargetError(f"The language must be one of {', '.join(LANGS)}.")
    return Target(name=_check_name(name), kind=kind, address=address, min_level=min_level,
                  regions=_norm(list(regions or ())), channels=_norm(list(channels or ())),
                  rules=tuple(sorted({str(r).strip() for r in rules or () if str(r).strip()})),
                  user_name=(str(user).strip().lower() or None) if user else None,
                  lang=lang, digest=digest, quarterly_report=bool(quarterly_report))


def _from_row(row: dict) -> Target:
    return Target(name=row["name"], kind=row["kind"], address=row["address"],
                  min_level=row["min_level"], regions=tuple(row["regions"] or ()),
                  channels=tuple(row["channels"] or ()), rules=tuple(row["rules"] or ()),
                  user_name=row["user_name"], lang=row["lang"], digest=bool(row["digest"]),
                  quarterly_report=bool(row.get("quarterly_report")),
                  enabled=bool(row["enabled"]), created_by=row["created_by"],
                  created_at=row["created_at"])


def read_targets(con, name: str | None = None) -> list[Target]:
    return [_from_row(r) for r in sqlfiles.rows(con, "notify/targets_list.sql", {"name": name})]


def list_targets(db: str | os.PathLike | None = None) -> list[Target]:
    with connect(db) as con:
        return read_targets(con)


def get_target(name: str, db: str | os.PathLike | None = None) -> Target:
    with connect(db) as con:
        found = read_targets(con, str(name).strip())
    if not found:
        raise TargetError(f"No notification target named {name!r}; `notify list` shows them.")
    return found[0]


def add_target(target: Target, *, user: Viewer | str,
               db: str | os.PathLike | None = None) -> Target:
    """Store TARGET (admins only); the audit entry holds the masked address, never a secret."""
    by = acting_name(user, "edit_settings")
    with connect(db, write=True) as con, transaction(con):
        if read_targets(con, target.name):
            raise TargetError(f"A target named {target.name!r} exists; remove it first or "
                              "pick another name.")
        if target.rules:
            known = {r["rule_id"] for r in sqlfiles.rows(con, "rules/rules_list.sql")}
            unknown = sorted(set(target.rules) - known)
            if unknown:
                raise TargetError(f"Unknown rule {unknown[0]!r}; `python -m warehouse "
                                  "alerts` lists alerts, Settings → Thresholds the rules.")
        if target.user_name:
            found = sqlfiles.rows(con, "notify/target_users.sql", {"names": [target.user_name]})
            if not found:
                raise TargetError(f"No account named {target.user_name!r}.")
        stored = Target(**{**target.__dict__, "created_by": by, "created_at": _now()})
        sqlfiles.execute(con, "notify/target_insert.sql", {
            "name": stored.name, "kind": stored.kind, "address": stored.address,
            "min_level": stored.min_level, "regions": list(stored.regions),
            "channels": list(stored.channels), "rules": list(stored.rules),
            "user_name": stored.user_name, "lang": stored.lang, "digest": stored.digest,
            "quarterly_report": stored.quarterly_report,
            "created_by": by, "created_at": stored.created_at,
        })
        audit.record(con, by, "notify_target_add", stored.name, stored.as_dict())
    return stored


def remove_target(name: str, *, user: Viewer | str, db: str | os.PathLike | None = None) -> None:
    """Delete a target; what was still queued for it is cancelled, the history stays."""
    by = acting_name(user, "edit_settings")
    with connect(db, write=True) as con, transaction(con):
        found = read_targets(con, str(name).strip())
        if not found:
            raise TargetError(f"No notification target named {name!r}.")
        sqlfiles.execute(con, "notify/target_delete.sql", {"name": found[0].name})
        sqlfiles.execute(con, "notify/outbox_cancel_target.sql", {"name": found[0].name})
        audit.record(con, by, "notify_target_remove", found[0].name, found[0].as_dict())


# ---------------------------------------------------------------- routing


def route_viewers(con, targets: list[Target]) -> dict[str, Viewer | None]:
    """The account behind each user-bound route (None: the account is gone or disabled, so the
    route receives nothing until it is fixed)."""
    names = sorted({t.user_name for t in targets if t.user_name})
    found = {r["name"]: r for r in sqlfiles.rows(con, "notify/target_users.sql", {"names": names})}
    viewers: dict[str, Viewer | None] = {}
    for name in names:
        row = found.get(name)
        viewers[name] = None if row is None or row["disabled"] else Viewer(
            row["name"], row["role"], tuple(row["channels"] or ()), tuple(row["regions"] or ()))
    return viewers


def _inside(alert: dict, channels, regions) -> bool:
    """The alert lies inside a channel/region scope (the rule alerts_list.sql applies to
    department heads: company-wide and product alerts lie inside no department)."""
    channel, region = alert.get("scope_channel"), alert.get("scope_region")
    if channels and channel not in channels:
        return False
    return not regions or region in regions


def in_scope(target: Target, alert: dict, viewer: Viewer | None) -> bool:
    """Whether the alert lies inside the target's filters and, for a user-bound route, inside
    what that user may see.

    An alert judged on one department head's data (its audience) goes only to the routes of
    accounts with exactly that scope: the company's routes have the company's alert.
    """
    if alert.get("audience"):
        return viewer is not None and bool(target.user_name) and (
            audience_of(viewer) == alert["audience"])
    if target.user_name:
        if viewer is None:
            return False
        if viewer.scoped and not (
            (viewer.channels or viewer.regions) and _inside(alert, viewer.channels, viewer.regions)
        ):
            return False
    return _inside(alert, target.channels, target.regions)


def wants(target: Target, alert: dict, level: str | None, viewer: Viewer | None) -> bool:
    """Whether the target receives this alert at this level (enabled, rule, level and scope)."""
    if not target.enabled:
        return False
    if target.rules and alert.get("rule_id") not in target.rules:
        return False
    if target.min_level == "red" and (level or alert.get("level")) != "red":
        return False
    return in_scope(target, alert, viewer)


def apprise_url(target: Target) -> str:
    """The Apprise URL to send through, secrets still as ${NAME} references."""
    if target.kind == "email":
        server = credentials.smtp_server()
        if server is None:
            raise credentials.MissingSecret(
                "No mail server is set: set CXRISK_SMTP_HOST (and CXRISK_SMTP_PORT, "
                "CXRISK_SMTP_USER, CXRISK_SMTP_PASSWORD, CXRISK_SMTP_FROM) in the environment or "
                "the secrets file.")
        return credentials.mail_url(server, target.address)
    if target.kind == "webhook":
        return re.sub(r"^http", "json", target.address, count=1)
    return target.address
