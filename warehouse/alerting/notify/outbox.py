"""The outbox: queue each message once per (alert, event, target), deliver due ones with back-off."""

from __future__ import annotations

import os
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from warehouse.access.permissions import require
from warehouse.access.scope import Viewer
from warehouse.alerting.notify import credentials, send, targets
from warehouse.storage import sqlfiles
from warehouse.storage.db import connect
from warehouse.storage.transactions import transaction

STATUSES = ("pending", "sending", "sent", "failed", "cancelled")
# Back-off after a failed attempt: 30 s, 1, 2, 4 … min, at most 1 h; after MAX_ATTEMPTS the
# message is 'failed' (shown on Settings, where an admin can send it again).
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
MAX_ATTEMPTS = 8
# A message claimed by a process that died mid-send is claimed again after this long (it may
# then reach the receiver twice: the only case that can, and only after a crash).
STALE_CLAIM = timedelta(minutes=10)
BATCH = 1000
SENDERS = 8  # targets served at once
REMOVED = "the target was removed"


@dataclass(frozen=True)
class Message:
    dedup_key: str
    target_name: str
    kind: str
    title: str
    body: str
    happened_at: datetime
    alert_id: int | None = None
    event_id: int | None = None
    attachment: str | None = None


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def enqueue_in(con, messages: list[Message], now: datetime) -> int:
    """Queue MESSAGES inside the caller's transaction (one statement); returns how many were new."""
    unique = list({m.dedup_key: m for m in messages}.values())
    if not unique:
        return 0
    return sqlfiles.execute(con, "notify/outbox_enqueue.sql", {
        "dedup_keys": [m.dedup_key for m in unique],
        "target_names": [m.target_name for m in unique], "kinds": [m.kind for m in unique],
        "alert_ids": [m.alert_id for m in unique], "event_ids": [m.event_id for m in unique],
        "titles": [m.title for m in unique], "bodies": [m.body for m in unique],
        "attachments": [m.attachment for m in unique],
        "happened": [m.happened_at for m in unique], "created_at": now,
    }).fetchone()[0]


def claim_in(con, now: datetime, worker: str) -> list[dict]:
    """Claim the due messages inside the caller's write transaction (atomic between processes)."""
    return sqlfiles.rows(con, "notify/outbox_claim.sql", {
        "worker": worker, "now": now, "stale_before": now - STALE_CLAIM, "limit": BATCH})


def due_count(con, now: datetime) -> int:
    return int(sqlfiles.one(con, "notify/outbox_due.sql",
                            {"now": now, "stale_before": now - STALE_CLAIM})["due"])


def send_claimed(claimed: list[dict], by_name: dict[str, targets.Target]) -> list[tuple]:
    """Send each claimed message (no warehouse lock is held meanwhile): (row, error, sent at).

    Targets are served in parallel, each one's messages in order: a slow receiver does not hold
    up the others, and one receiver never gets a burst from several threads.
    """
    sender = send.Sender()
    by_target: dict[str, list[dict]] = {}
    for row in claimed:
        by_target.setdefault(row["target_name"], []).append(row)

    def serve(rows: list[dict]) -> list[tuple]:
        done = []
        for row in rows:
            target = by_name.get(row["target_name"])
            try:
                if target is None:
                    raise send.SendError(REMOVED)
                sender.send(targets.apprise_url(target), row["title"], row["body"],
                            row["attachment"])
                done.append((row, None, now_utc()))
            except (send.SendError, credentials.MissingSecret, ValueError, OSError) as exc:
                done.append((row, str(exc) or type(exc).__name__, now_utc()))
        return done

    if not by_target:
        return []
    with ThreadPoolExecutor(max_workers=min(SENDERS, len(by_target))) as pool:
        return [outcome for done in pool.map(serve, by_target.values()) for outcome in done]


def record(db, outcomes, worker: str, now: datetime) -> dict[str, int]:
    """Store a round's results in one short write. The back-off counts from the round's time,
    so a slow failure does not shift the schedule."""
    tally = {"sent": 0, "failed": 0, "retrying": 0}
    if not outcomes:
        return tally
    sent = [(row["outbox_id"], at) for row, error, at in outcomes if error is None]
    failed = []
    for row, error, _ in outcomes:
        if error is None:
            continue
        final = row["attempts"] >= MAX_ATTEMPTS or error == REMOVED
        tally["failed" if final else "retrying"] += 1
        failed.append((row["outbox_id"], "failed" if final else "pending", error[:500],
                       now + retry_delay(row["attempts"])))
    tally["sent"] = len(sent)
    with connect(db, write=True) as con, transaction(con):
        _store_results(con, sent, failed, worker)
    return tally


def _store_results(con, sent: list[tuple], failed: list[tuple], worker: str) -> None:
    if sent:
        sqlfiles.execute(con, "notify/outbox_sent.sql", {
            "outbox_ids": [i for i, _ in sent], "sent_ats": [at for _, at in sent],
            "worker": worker})
    if failed:
        ids, statuses, errors, nexts = (list(c) for c in zip(*failed, strict=True))
        sqlfiles.execute(con, "notify/outbox_failed.sql", {
            "outbox_ids": ids, "statuses": statuses, "errors": errors, "next_attempts": nexts,
            "worker": worker})


def send_now(message: Message, target: targets.Target, *, db=None) -> str | None:
    """Send one message at once (tests of a target) and keep it in the outbox; the error or None."""
    error = None
    try:
        send.send(targets.apprise_url(target), message.title, message.body, message.attachment)
    except (send.SendError, credentials.MissingSecret, ValueError, OSError) as exc:
        error = str(exc) or type(exc).__name__
    at = now_utc()
    with connect(db, write=True) as con, transaction(con):
        enqueue_in(con, [message], at)
        claimed = sqlfiles.rows(con, "notify/outbox_claim_key.sql",
                                {"dedup_key": message.dedup_key, "worker": "test", "now": at})
        outbox_id = claimed[0]["outbox_id"]
        _store_results(con, [(outbox_id, at)] if error is None else [],
                       [] if error is None else [(outbox_id, "failed", error, at)], "test")
    return error


def outbox(*, viewer: Viewer, db=None, statuses=(), limit: int = 200) -> pd.DataFrame:
    """The newest queued messages with their status, attempts, last error and delivery time
    (admins: the titles name alerts of every scope)."""
    require(viewer, "edit_settings")
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise ValueError(f"Unknown status {unknown[0]!r}; one of {', '.join(STATUSES)}.")
    with connect(db) as con:
        return sqlfiles.df(con, "notify/outbox_list.sql",
                           {"statuses": list(statuses), "limit": int(limit)})


def status_counts(*, viewer: Viewer, db=None) -> dict[str, Any]:
    require(viewer, "edit_settings")
    with connect(db) as con:
        rows = sqlfiles.rows(con, "notify/outbox_counts.sql")
    counts = {s: 0 for s in STATUSES}
    counts.update({r["status"]: int(r["n"]) for r in rows})
    return counts


def retry_failed(*, db=None, outbox_id: int | None = None, now: datetime | None = None) -> int:
    """Put failed messages back in the queue, due now."""
    with connect(db, write=True) as con:
        return sqlfiles.execute(con, "notify/outbox_retry.sql",
                                {"outbox_id": outbox_id, "now": now or now_utc()}).fetchone()[0]
