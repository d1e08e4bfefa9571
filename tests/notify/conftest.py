"""Real receivers on 127.0.0.1 for notification tests: an SMTP server and an HTTP webhook server."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from warehouse.storage import sqlfiles
from warehouse.storage.db import connect, ensure_warehouse


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebhookReceiver:
    """Collects JSON posts; can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.posts: list[dict] = []
        self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        posts = self.posts

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                posts.append({"path": self.path, "json": json.loads(self.rfile.read(length)),
                              "at": datetime.now(UTC).replace(tzinfo=None)})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.allow_reuse_address = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


class MailReceiver:
    """An SMTP server that keeps each message it accepts, parsed."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list = []
        receiver = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                parsed = message_from_bytes(envelope.content, policy=policy.default)
                receiver.messages.append({"to": envelope.rcpt_tos, "mail_from": envelope.mail_from,
                                          "subject": str(parsed["subject"]),
                                          "body": parsed.get_body(("plain",)).get_content(),
                                          "attachments": [(part.get_filename(),
                                                           part.get_payload(decode=True))
                                                          for part in parsed.iter_attachments()],
                                          "at": datetime.now(UTC).replace(tzinfo=None)})
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def webhook():
    receiver = WebhookReceiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture
def mailbox(monkeypatch):
    receiver = MailReceiver()
    receiver.start()
    monkeypatch.setenv("CXRISK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CXRISK_SMTP_PORT", str(receiver.port))
    monkeypatch.setenv("CXRISK_SMTP_SECURITY", "none")
    monkeypatch.setenv("CXRISK_SMTP_FROM", "cx-monitor@example.com")
    yield receiver
    receiver.stop()


@pytest.fixture
def notify_db(tmp_path, monkeypatch):
    """An empty migrated warehouse, the display zone Asia/Shanghai and a known app address."""
    db = tmp_path / "notify.duckdb"
    monkeypatch.setenv("CXRISK_DB", str(db))
    monkeypatch.setenv("CXRISK_TZ", "Asia/Shanghai")
    monkeypatch.setenv("CXRISK_BASE_URL", "http://cx.example.com:8501")
    monkeypatch.setenv("CXRISK_SECRETS_FILE", str(tmp_path / "secrets.toml"))
    ensure_warehouse(db)
    return db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def open_alert(db, *, rule_id="complaints_per_product_24h", dim="product", value="Kettle K2",
               level="red", measured=25.0, limit=20.0, response="II", opened_at=None,
               clocks=None) -> int:
    """An alert as the lifecycle writes it: the alerts row and its 'opened' event."""
    opened_at = opened_at or utcnow()
    if clocks is None:
        clocks = [{"task": "incident meeting", "due_at": str(opened_at + timedelta(hours=1))},
                  {"task": "first measures public", "due_at": str(opened_at + timedelta(hours=2))}]
    key = (value or "").lower()
    with connect(db, write=True) as con:
        alert_id = sqlfiles.one(con, "rules/alert_insert.sql", {
            "rule_id": rule_id, "scope": f"{dim}={value}" if dim else "all", "scope_dim": dim,
            "scope_value": value, "scope_channel": key if dim == "channel" else None,
            "scope_region": key if dim == "region" else None, "level": level,
            "value": measured, "limit_value": limit, "peak_value": measured,
            "baseline_value": None, "baseline_sd": None, "metric_value": measured,
            "period_start": opened_at - timedelta(hours=24), "last_breach_at": opened_at,
            "opened_at": opened_at, "response_level": response,
            "due_at": min(datetime.fromisoformat(c["due_at"]) for c in clocks) if clocks else None,
            "clocks": json.dumps(clocks), "created_at": utcnow(),
            "audience": "", "audience_channels": [], "audience_regions": [], "state": "firing",
            "inside_periods": 0, "resolved_at": None, "phase": "outbreak", "recovered": None,
            "recovery_value": None})["alert_id"]
        add_event(con, alert_id, "opened", level=level, value=measured, to_state="firing")
    return alert_id


def add_event(con, alert_id, event, *, level=None, value=None, from_state=None, to_state=None,
              note=None) -> None:
    """One lifecycle event, as the lifecycle records it."""
    sqlfiles.execute(con, "rules/alert_event_insert.sql", {
        "alert_id": alert_id, "at": utcnow(), "event": event, "user": "system",
        "from_state": from_state, "to_state": to_state, "level": level, "value": value,
        "note": note, "recorded_at": utcnow()})


@pytest.fixture
def make_alert(notify_db):
    """make_alert(**fields) -> alert id: an alert and its 'opened' event in the test warehouse."""
    return lambda **fields: open_alert(notify_db, **fields)


@pytest.fixture
def alert_event(notify_db):
    """alert_event(alert_id, event, **fields): a later lifecycle event (escalated, resolved …)."""

    def record(alert_id, event, update_sql=None, **fields):
        with connect(notify_db, write=True) as con:
            if update_sql:
                con.execute(update_sql, [alert_id])
            add_event(con, alert_id, event, **fields)

    return record
