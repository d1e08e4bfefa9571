"""Deliver messages through Apprise; the error Apprise logged comes back as text."""

from __future__ import annotations

import logging
import re
import threading

import apprise

from warehouse.alerting.notify import credentials

# Failures are kept with their message in the outbox; Apprise's own log lines would otherwise
# reach stderr through logging's last-resort handler (and the CLI's one-line errors).
logging.getLogger("apprise").addHandler(logging.NullHandler())

_SECRETISH = re.compile(r"(://[^/\s:@]*:)[^@\s/]+@")


class SendError(RuntimeError):
    """A message the receiver did not take; the text is safe to store and show."""


def _clean(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, credentials.MASK)
    return _SECRETISH.sub(r"\1" + credentials.MASK + "@", text)


class Sender:
    """Sends to Apprise URLs, each parsed once (parsing costs about as much as a local send).

    Secrets are resolved when a URL is first used, so one Sender per round picks up a rotated
    token. One URL must not be used from two threads at once.
    """

    def __init__(self) -> None:
        self._notifiers: dict[str, apprise.Apprise] = {}
        self._lock = threading.Lock()

    def _notifier(self, url_template: str) -> apprise.Apprise:
        with self._lock:
            notifier = self._notifiers.get(url_template)
            if notifier is None:
                notifier = apprise.Apprise()
                if not notifier.add(credentials.resolve(url_template)):
                    raise SendError("Apprise does not understand the target's address.")
                self._notifiers[url_template] = notifier
            return notifier

    def send(self, url_template: str, title: str, body: str,
             attachment: str | None = None) -> None:
        """Send TITLE/BODY to the Apprise URL (${NAME} secrets resolved); raise SendError."""
        notifier = self._notifier(url_template)
        result = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT,
                                 attach=attachment)
        if not result:
            # the result holds this call's own log lines (rounds send on several threads)
            secrets = [credentials.lookup(n) or "" for n in credentials.references(url_template)]
            detail = " ".join(entry.message.strip() for entry in result.logs()
                              if entry.level in ("WARNING", "ERROR", "CRITICAL")
                              and entry.message.strip())
            raise SendError(_clean(detail or "the receiver did not accept the message",
                                   secrets)[:500])


def send(url_template: str, title: str, body: str, attachment: str | None = None) -> None:
    """One message on its own (tests of a target)."""
    Sender().send(url_template, title, body, attachment)
