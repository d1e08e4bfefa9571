"""Deliver one message through Apprise; the error Apprise logged comes back as text."""

from __future__ import annotations

import logging
import re

import apprise

from warehouse.alerting.notify import credentials

_SECRETISH = re.compile(r"(://[^/\s:@]*:)[^@\s/]+@")


class SendError(RuntimeError):
    """A message the receiver did not take; the text is safe to store and show."""


def _clean(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, credentials.MASK)
    return _SECRETISH.sub(r"\1" + credentials.MASK + "@", text)


def send(url_template: str, title: str, body: str, attachment: str | None = None) -> None:
    """Send TITLE/BODY to the Apprise URL (its ${NAME} secrets resolved now); raise SendError."""
    secrets = [credentials.lookup(name) or "" for name in credentials.references(url_template)]
    url = credentials.resolve(url_template)
    notifier = apprise.Apprise()
    if not notifier.add(url):
        raise SendError("Apprise does not understand the target's address.")
    with apprise.LogCapture(level=logging.WARNING) as log:
        ok = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT,
                             attach=attachment)
    if not ok:
        detail = " ".join(line.split(" - ", 2)[-1].strip()
                          for line in log.getvalue().splitlines() if line.strip())
        raise SendError(_clean(detail or "the receiver did not accept the message", secrets)[:500])
