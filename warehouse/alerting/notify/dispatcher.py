"""One notification round: queue what the alert events and clocks call for, then send what is due."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from warehouse.access import audit
from warehouse.access.permissions import acting_name
from warehouse.access.scope import SYSTEM
from warehouse.alerting.notify import outbox, quarterly, targets
from warehouse.alerting.notify.outbox import Message
from warehouse.alerting.notify.render import clock_list, renderers
from warehouse.config import app_settings
from warehouse.reports import improvements
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

log = logging.getLogger(__name__)
EVENTS_THROUGH = "events_through"
DIGEST_DAY = "digest_day"


def _event_key(event: dict) -> str:
    # opened and resolved happen once per alert; an alert can escalate more than once (yellow →
    # red, then a higher response level), each escalation is its own message.
    if event["event"] == "escalated":
        return f"escalated:{event['event_id']}"
    return event["event"]


def _event_messages(events, live, viewers, text) -> list[Message]:
    found = []
    for event in events:
        for target in live:
            if target.created_at and event["recorded_at"] < target.created_at:
                continue  # a new target is not sent the past
            if not targets.wants(target, event, event["event_level"],
                                 viewers.get(target.user_name)):
                continue
            title, body = text[target.lang].alert_message(
                event["event"], event, event_level=event["event_level"],
                event_value=event["event_value"])
            found.append(Message(
                dedup_key=f"alert:{event['alert_id']}|{_event_key(event)}|{target.name}",
                target_name=target.name, kind=event["event"], title=title, body=body,
                happened_at=event["recorded_at"], alert_id=event["alert_id"],
                event_id=event["event_id"]))
    return found


def _overdue_messages(open_alerts, live, viewers, text, now) -> list[Message]:
    """A reminder per response clock that ran out while the alert is still open, once."""
    found = []
    for alert in open_alerts:
        for clock in clock_list(alert):
            due = clock["due_at"]
            due = datetime.fromisoformat(due) if isinstance(due, str) else due
            if due > now:
                continue
            for target in live:
                if target.created_at and due < target.created_at:
                    continue
                if not targets.wants(target, alert, alert["level"],
                                     viewers.get(target.user_name)):
                    continue
                title, body = text[target.lang].alert_message("overdue", alert,
                                                              task=clock["task"])
                key = f"overdue:{alert['response_level']}:{clock['task']}"
                found.append(Message(
                    dedup_key=f"alert:{alert['alert_id']}|{key}|{target.name}",
                    target_name=target.name, kind="overdue", title=title, body=body,
                    happened_at=due, alert_id=alert["alert_id"]))
    return found


def _improvement_messages(con, live, viewers, text, now) -> list[Message]:
    """A reminder to the owner of each overdue improvement item (a target named as the owner or
    bound to the owner's account), once per item, due date and target; a bound target hears
    only of items in its account's scope."""
    today = now.replace(tzinfo=UTC).astimezone(ZoneInfo(app_settings.read(con, "timezone"))).date()
    found = []
    by_viewer: dict = {}  # one read per scope, however many targets share it
    for target in live:
        viewer = viewers.get(target.user_name) if target.user_name else SYSTEM
        if viewer is None:
            continue
        if viewer not in by_viewer:
            by_viewer[viewer] = improvements.overdue_in(con, viewer, today)
        for item in by_viewer[viewer]:
            if str(item["owner"]).strip().lower() not in (target.name.lower(),
                                                          target.user_name or ""):
                continue
            title, body = text[target.lang].improvement_overdue(item)
            found.append(Message(
                dedup_key=f"improvement:{item['item_id']}|overdue:{item['due_date']}|{target.name}",
                target_name=target.name, kind="overdue", title=title, body=body,
                happened_at=now))
    return found


def digest_due(now: datetime, zone: str, at: str,
               last_day: str | None) -> tuple[str, datetime] | None:
    """The local day whose digest is due now (its time has passed and it was not queued), and
    that time in UTC."""
    local = now.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    hour, minute = (int(p) for p in at.split(":"))
    if local.time() < time(hour, minute):
        return None
    day = local.date().isoformat()
    if last_day is not None and last_day >= day:
        return None
    moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return day, moment.astimezone(UTC).replace(tzinfo=None)


def _digest_messages(due, open_alerts, changes, live, viewers, text, now) -> list[Message]:
    day, moment = due
    found = []
    for target in live:
        if not target.digest or (target.created_at and target.created_at > moment):
            continue  # a target added after today's digest time gets tomorrow's
        viewer = viewers.get(target.user_name)
        mine = [a for a in open_alerts if targets.wants(target, a, a["level"], viewer)]
        moved = [c for c in changes if targets.wants(target, c, c["level"], viewer)]
        title, body = text[target.lang].digest(day, mine, moved)
        found.append(Message(dedup_key=f"digest:{day}|{target.name}", target_name=target.name,
                             kind="digest", title=title, body=body, happened_at=now))
    return found


@dataclass
class Plan:
    """What one round found: messages to queue, bookmarks to move, messages already due."""

    messages: list[Message] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)
    due: int = 0


def collect(con, now: datetime) -> Plan:
    """What should be queued now, and the bookmarks to move once it is (reads only)."""
    plan = Plan(due=outbox.due_count(con, now))
    live = [t for t in targets.read_targets(con) if t.enabled]
    if not live:
        return plan
    state = {k: (sqlfiles.one(con, "notify/state_get.sql", {"key": k}) or {}).get("value")
             for k in (EVENTS_THROUGH, DIGEST_DAY)}
    events = sqlfiles.rows(con, "notify/events_since.sql", {"after": int(state[EVENTS_THROUGH] or 0)})
    open_alerts = sqlfiles.rows(con, "notify/open_alerts.sql")
    viewers = targets.route_viewers(con, live)
    text = renderers(con, now)
    plan.messages = (_event_messages(events, live, viewers, text)
                     + _overdue_messages(open_alerts, live, viewers, text, now)
                     + _improvement_messages(con, live, viewers, text, now))
    if events:
        plan.moves[EVENTS_THROUGH] = str(max(e["event_id"] for e in events))
    due = digest_due(now, app_settings.read(con, "timezone"),
                     app_settings.read(con, "notify_digest_time"), state[DIGEST_DAY])
    if due:
        changes = sqlfiles.rows(con, "notify/alerts_changed.sql",
                                {"start": now - timedelta(hours=24), "end": now})
        plan.messages += _digest_messages(due, open_alerts, changes, live, viewers, text, now)
        plan.moves[DIGEST_DAY] = due[0]
    return plan


def _move_bookmarks(con, moves: dict[str, str], now: datetime) -> None:
    for key, value in moves.items():
        current = (sqlfiles.one(con, "notify/state_get.sql", {"key": key}) or {}).get("value")
        if current is not None and (int(current) >= int(value) if key == EVENTS_THROUGH
                                    else current >= value):
            continue  # another process got further; never move a bookmark back
        sqlfiles.execute(con, "notify/state_set.sql", {"key": key, "value": value, "now": now})


def dispatch(db: str | os.PathLike | None = None, *,
             now: datetime | None = None) -> dict[str, Any]:
    """Queue new alert events, overdue clocks, the daily digest and the quarterly report for
    every matching target, then deliver the due messages (with retry and back-off). Safe to run from several processes
    at once and again after a restart: the outbox key (alert, event, target) is unique, and a
    message is claimed under the write lock before it is sent.

    A round with nothing to do takes one read; otherwise one write queues and claims, the sends
    run with no lock held, and one write records the results. Call it outside any open
    warehouse connection.
    """
    now = now or outbox.now_utc()
    tally = {"queued": 0, "sent": 0, "failed": 0, "retrying": 0}
    try:  # built before any lock is taken: a report takes seconds
        reports, quarter = quarterly.messages(db, now)
    except Exception as exc:  # noqa: BLE001 - a report that cannot be built must not stop alerts
        log.error("quarterly report not built: %s", exc)
        reports, quarter, tally["report_error"] = [], None, str(exc)
    with connect(db) as con:
        plan = collect(con, now)
    plan.messages += reports
    if quarter:
        plan.moves[quarterly.REPORT_QUARTER] = quarter
    if not (plan.messages or plan.moves or plan.due):
        return tally
    worker = outbox.worker_name()
    with connect(db, write=True) as con:
        with transaction(con):
            tally["queued"] = outbox.enqueue_in(con, plan.messages, now)
            _move_bookmarks(con, plan.moves, now)
            claimed = outbox.claim_in(con, now, worker)
        by_name = {t.name: t for t in targets.read_targets(con)}
    outcomes = outbox.send_claimed(claimed, by_name)
    tally.update(outbox.record(db, outcomes, worker, now))
    return tally


def send_test(name: str, *, user, db: str | os.PathLike | None = None) -> str | None:
    """Send a test message to one target now (admins); returns the error, or None when sent.

    It is kept in the outbox like any message, so the page shows it with its result.
    """
    by = acting_name(user, "edit_settings")
    target = targets.get_target(name, db)
    now = outbox.now_utc()
    with connect(db) as con:
        title, body = renderers(con, now)[target.lang].test(target.name)
    message = Message(dedup_key=f"test:{now.isoformat()}|{target.name}", target_name=target.name,
                      kind="test", title=title, body=body, happened_at=now)
    error = outbox.send_now(message, target, db=db)
    with connect(db, write=True) as con:
        audit.record(con, by, "notify_test", target.name,
                     {"sent": error is None, "error": error})
    return error
