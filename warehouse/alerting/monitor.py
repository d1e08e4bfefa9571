"""The monitor: judges the rules on a schedule and after every load or undo, and says it is alive."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from warehouse.alerting.evaluation import evaluate, prime
from warehouse.alerting.notify import dispatch
from warehouse.config import app_settings
from warehouse.config.settings import get_settings, resolve_db
from warehouse.storage import sqlfiles
from warehouse.storage.db import WarehouseBusy, connect, ensure_warehouse
from warehouse.storage.locking import pid_alive

POLL_SECONDS = 1.0        # how often the data version is looked at between cycles
BEAT_SECONDS = 5.0        # how often the heartbeat file is rewritten while idle
# A monitor is taken for gone when its heartbeat is older than this many intervals (plus slack
# for a long cycle on a busy machine).
STALE_INTERVALS = 3
STALE_SLACK = timedelta(seconds=30)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def heartbeat_path(db: str | os.PathLike | None = None) -> Path:
    """The file beside the warehouse where a running monitor says it is alive (no lock needed)."""
    path = resolve_db(db).resolve()
    return path.with_name(path.name + ".monitor.json")


def interval_seconds(db: str | os.PathLike | None = None) -> int:
    """The admin's monitor interval (Settings), else CXRISK_MONITOR_SECONDS (default 60)."""
    return int(app_settings.get("monitor_seconds", db=db))


def _write_beat(path: Path, beat: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(beat, default=str), encoding="utf-8")
    os.replace(tmp, path)  # readers never see half a file


def status(db: str | os.PathLike | None = None, *, now: datetime | None = None) -> dict[str, Any]:
    """Whether a monitor is running for this warehouse, from its heartbeat.

    Keys: running (bool), beat_at and last_cycle_at (UTC, None when never), interval (seconds),
    last_cycle (the summary of its latest cycle: seconds, opened, escalated, resolved, errors).
    """
    now = now or _now()
    path = heartbeat_path(db)
    try:
        beat = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {"running": False, "beat_at": None, "last_cycle_at": None, "interval": None,
                "last_cycle": None}
    beat_at = datetime.fromisoformat(beat["beat_at"])
    interval = int(beat.get("interval") or 60)
    fresh = now - beat_at <= timedelta(seconds=interval * STALE_INTERVALS) + STALE_SLACK
    alive = beat.get("host") != socket.gethostname() or pid_alive(int(beat.get("pid", 0)))
    cycle_at = beat.get("last_cycle_at")
    return {"running": bool(fresh and alive and not beat.get("stopped")), "beat_at": beat_at,
            "last_cycle_at": datetime.fromisoformat(cycle_at) if cycle_at else None,
            "interval": interval, "last_cycle": beat.get("last_cycle")}


def data_version(db: str | os.PathLike | None = None) -> tuple:
    """Changes with every load, undo, rule edit and department-head scope change (a light read
    of small tables, asked every second)."""
    with connect(db) as con:
        row = sqlfiles.one(con, "rules/monitor_version.sql") or {}
    return tuple(row.values())


def after_cycle(db: str | os.PathLike | None, now: datetime | None = None) -> dict[str, Any]:
    """What runs after every cycle once the alerts are stored: the single call point for
    sending the notifications of what the cycle changed (and of clocks that ran out, and the
    daily digest). A failure to notify is reported, never the end of the monitor: what was not
    sent stays queued for the next cycle."""
    try:
        return dispatch(db=db, now=now)
    except (WarehouseBusy, duckdb.Error, OSError, ValueError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:500]}


def cycle(db: str | os.PathLike | None = None, *, now: datetime | None = None,
          user: str = "monitor") -> dict[str, Any]:
    """One monitor cycle: judge what changed, store it, then the after-cycle step."""
    started = time.perf_counter()
    summary = evaluate(db, now=now, user=user, log_unchanged=False, upgrade=False,
                       keep_reads=True)
    notified = after_cycle(db, now)
    judged = [r for r in summary["rules"] if r["status"] != "unchanged"]
    return {"at": summary["evaluated_at"], "seconds": round(time.perf_counter() - started, 3),
            "rules_judged": len(judged), "opened": summary["opened"],
            "escalated": summary["escalated"], "resolved": summary["resolved"],
            "errors": summary["errors"], "notifications": notified}


def step_back() -> int:
    """Lower this process's CPU priority by the monitor_nice setting, so a cycle takes what the
    dashboard's readers leave (they stay interactive while it judges); returns the new niceness."""
    return os.nice(min(max(int(get_settings().monitor_nice), 0), 19))


def run(db: str | os.PathLike | None = None, *, interval: int | None = None, once: bool = False,
        stop: threading.Event | None = None,
        report: Callable[[dict[str, Any]], None] | None = None) -> int:
    """Run cycles until stopped: on start, every INTERVAL seconds (default: the setting), and
    within a second of any load or undo by any process. Returns the exit code."""
    db = str(resolve_db(db))
    ensure_warehouse(db)
    stop = stop or threading.Event()
    path = heartbeat_path(db)
    beat: dict[str, Any] = {"pid": os.getpid(), "host": socket.gethostname(),
                            "started_at": _now().isoformat(), "last_cycle_at": None,
                            "last_cycle": None, "stopped": False}

    def heartbeat(every: int) -> None:
        beat.update(beat_at=_now().isoformat(), interval=every)
        _write_beat(path, beat)

    def one_cycle() -> bool:
        try:
            done = cycle(db)
        except WarehouseBusy as exc:  # a long load holds the file: try again next time
            done = {"at": _now().isoformat(sep=" "), "error": str(exc)}
        beat.update(last_cycle=done, last_cycle_at=_now().isoformat())
        if report:
            report(done)
        return not done.get("errors") and "error" not in done

    if once:
        return 0 if one_cycle() else 1
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            handlers[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        every = interval or interval_seconds(db)
        heartbeat(every)
        version = data_version(db)
        one_cycle()
        try:
            prime(db)  # so the first load after a start reads only what it touched
        except (WarehouseBusy, duckdb.Error, OSError):
            pass  # the reads are then made by the first cycle that needs them
        last_cycle = last_beat = time.monotonic()
        heartbeat(every)
        while not stop.wait(POLL_SECONDS):
            try:
                seen = data_version(db)
            except WarehouseBusy:
                continue
            due = time.monotonic() - last_cycle >= every
            cycled = seen != version or due
            if cycled:
                version = seen
                one_cycle()
                last_cycle = time.monotonic()
                every = interval or interval_seconds(db)
            if cycled or time.monotonic() - last_beat >= BEAT_SECONDS:
                heartbeat(every)
                last_beat = time.monotonic()
    finally:
        beat.update(stopped=True, beat_at=_now().isoformat())
        _write_beat(path, beat)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return 0
