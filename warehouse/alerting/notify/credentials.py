"""Secrets of notification targets: ${NAME} references resolved from the environment or secrets.toml."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from warehouse.config.settings import OPTION, PROJECT_ROOT

SECRETS_FILE_ENV = "CXRISK_SECRETS_FILE"
_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
MASK = "****"


class MissingSecret(LookupError):
    """A ${NAME} a target refers to is set neither in the environment nor in the secrets file."""


def secrets_file() -> Path:
    """The git-ignored secrets file (Streamlit's), or the one CXRISK_SECRETS_FILE names."""
    named = os.environ.get(SECRETS_FILE_ENV, "").strip()
    return Path(named) if named else PROJECT_ROOT / ".streamlit" / "secrets.toml"


def _file_values() -> dict[str, str]:
    """Top-level keys of the secrets file and those of its [notify] table (read on every send,
    so a rotated token is used without a restart)."""
    path = secrets_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return {}
    values = {k: str(v) for k, v in data.items() if not isinstance(v, dict)}
    values.update({k: str(v) for k, v in (data.get("notify") or {}).items()
                   if not isinstance(v, dict)})
    return values


def lookup(name: str, file_values: dict[str, str] | None = None) -> str | None:
    """The value of a secret: the environment wins over the secrets file."""
    value = os.environ.get(name)
    if value:
        return value
    values = _file_values() if file_values is None else file_values
    return values.get(name) or None


def references(text: str) -> list[str]:
    return _REF.findall(text or "")


def resolve(text: str, *, url_part: bool = True) -> str:
    """TEXT with each ${NAME} replaced by its secret (URL-quoted where it sits inside a URL)."""
    values = _file_values()

    def value(match: re.Match) -> str:
        found = lookup(match.group(1), values)
        if found is None:
            raise MissingSecret(
                f"The secret {match.group(1)} is not set: export it or add it to {secrets_file()}."
            )
        return quote(found, safe="") if url_part else found

    return _REF.sub(value, text)


@dataclass(frozen=True)
class SmtpServer:
    """The outgoing mail server every e-mail target sends through."""

    host: str
    port: int
    user: str | None
    password_ref: str | None   # the NAME of the secret holding the password
    sender: str
    security: str              # ssl | starttls | none


_DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


def smtp_server() -> SmtpServer | None:
    """The mail server from the environment or the secrets file; None when none is set."""
    values = _file_values()
    host = lookup("CXRISK_SMTP_HOST", values)
    if not host:
        return None
    security = (lookup("CXRISK_SMTP_SECURITY", values) or OPTION["CXRISK_SMTP_SECURITY"].default).strip().lower()
    if security not in _DEFAULT_PORTS:
        raise ValueError("CXRISK_SMTP_SECURITY must be ssl, starttls or none.")
    port_text = lookup("CXRISK_SMTP_PORT", values)
    try:
        port = int(port_text) if port_text else _DEFAULT_PORTS[security]
    except ValueError:
        raise ValueError("CXRISK_SMTP_PORT must be a port number.") from None
    return SmtpServer(
        host=host.strip(), port=port, user=lookup("CXRISK_SMTP_USER", values),
        password_ref="CXRISK_SMTP_PASSWORD" if lookup("CXRISK_SMTP_PASSWORD", values) else None,
        sender=lookup("CXRISK_SMTP_FROM", values) or OPTION["CXRISK_SMTP_FROM"].default,
        security=security,
    )


def mail_url(server: SmtpServer, to: str) -> str:
    """The Apprise URL of one e-mail to TO through SERVER (the password as a ${NAME} reference)."""
    scheme = "mailtos" if server.security == "ssl" else "mailto"
    login = ""
    if server.user:
        login = quote(server.user, safe="")
        if server.password_ref:
            login += ":${" + server.password_ref + "}"
        login += "@"
    mode = {"ssl": "ssl", "starttls": "starttls", "none": "insecure"}[server.security]
    return (f"{scheme}://{login}{server.host}:{server.port}?to={quote(to, safe='@')}"
            f"&from={quote(server.sender, safe='@')}&mode={mode}")
