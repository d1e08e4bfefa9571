"""Typed application settings: one table of options (default written once), environment overrides."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, make_dataclass
from datetime import date
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _project_path(text: str) -> Path:
    path = Path(text)
    return path if path.is_absolute() else PROJECT_ROOT / path


def _optional_path(text: str) -> Path | None:
    return Path(text) if text else None


def _flag(text: str) -> bool:
    return text.strip().lower() not in ("0", "false", "no")


@dataclass(frozen=True)
class Option:
    """One setting an operator can change from the environment (README lists them all)."""

    env: str
    attr: str | None  # the Settings attribute; None: read where it is used (secrets, SMTP)
    default: str  # as the environment would write it; "" = unset
    meaning: str
    parse: Callable[[str], Any] = str
    shown_default: str | None = None  # README wording when the raw default does not say it


OPTIONS: tuple[Option, ...] = (
    Option("CXRISK_DB", "db_path", "data/cxrisk.duckdb", "path of the DuckDB warehouse file",
           _project_path),
    Option("CXRISK_TZ", "timezone", "Asia/Shanghai", "time zone of source exports without one"),
    Option("CXRISK_LANG", "language", "en", "default UI language, `en` or `zh-CN`"),
    Option("CXRISK_CURRENCY", "currency", "CNY", "currency code shown with money values"),
    Option("CXRISK_REFRESH_SECONDS", "refresh_seconds", "30",
           "how often live dashboard areas refresh", int),
    Option("CXRISK_MONITOR_SECONDS", "monitor_seconds", "60",
           "seconds between monitor cycles when no load arrives (`python -m warehouse monitor`)",
           int),
    Option("CXRISK_MONITOR_NICE", "monitor_nice", "10",
           "how far the monitor steps back for the dashboard when both want the CPU (0-19, the "
           "process's nice increment; an idle machine still gives the monitor all of it)", int),
    Option("CXRISK_REJECTS_DIR", "rejects_dir", "data/rejects", "folder for rejected-row CSV files",
           _project_path),
    Option("CXRISK_ADMIN_PASSWORD", None, "",
           "password of the first `admin` account, read once by `init-admin` at first start",
           shown_default="generated and printed once"),
    Option("CXRISK_SESSION_IDLE_MINUTES", "session_idle_minutes", "30",
           "idle minutes before a signed-in session expires", int),
    Option("CXRISK_READ_CACHE", "read_cache", "1",
           "`1` keeps a read-only warehouse handle open between reads; `0` opens one per read",
           _flag),
    Option("CXRISK_AUTH", "auth_mode", "local",
           "`local`, or `oidc` to also offer single sign-on through `st.login`"),
    Option("CXRISK_INGEST_MEMORY", "ingest_memory", "600MB",
           "memory cap of a load's private staging database before it spills to disk"),
    Option("CXRISK_DATE_EARLIEST", "date_earliest", "1990-01-01",
           "dates before this day are rejected as implausible (with the reason)", date.fromisoformat),
    Option("CXRISK_DATE_FUTURE_DAYS", "date_future_days", "1",
           "dates more than this many days after the load are rejected", int),
    Option("CXRISK_MAX_ROWS", "max_rows", "5000000", "most data rows one file may have", int),
    Option("CXRISK_MAX_COLUMNS", "max_columns", "500", "most columns one file may have", int),
    Option("CXRISK_MAX_UNCOMPRESSED_MB", "max_uncompressed_mb", "2048",
           "largest file a load reads (an XLSX counted unpacked)", int),
    Option("CXRISK_BASE_URL", "base_url", "http://localhost:8501",
           "address of the app that notifications link to (also an admin setting)"),
    Option("CXRISK_DIGEST_TIME", "digest_time", "08:30",
           "local time of the daily alert digest, HH:MM (also an admin setting)"),
    Option("CXRISK_REPORT_TIME", "report_time", "09:00",
           "local time the quarterly report is mailed on the first working day after a quarter, "
           "HH:MM (also an admin setting)"),
    Option("CXRISK_SECRETS_FILE", None, ".streamlit/secrets.toml",
           "file read for notification secrets (`${NAME}` references)"),
    Option("CXRISK_SMTP_HOST", None, "", "mail server that sends e-mail notifications",
           shown_default="unset: e-mail targets cannot send"),
    Option("CXRISK_SMTP_PORT", None, "", "its port", shown_default="587 (465 with `ssl`, 25 with `none`)"),
    Option("CXRISK_SMTP_SECURITY", None, "starttls", "`starttls`, `ssl` or `none`"),
    Option("CXRISK_SMTP_USER", None, "", "user name at the mail server", shown_default="unset: no sign-in"),
    Option("CXRISK_SMTP_PASSWORD", None, "", "its password (environment or secrets file only)",
           shown_default="—"),
    Option("CXRISK_SMTP_FROM", None, "cx-risk-monitor@localhost", "sender address of notifications"),
    Option("CXRISK_MARTS", "marts_dir", "",
           "folder of marts (`python -m warehouse marts build`) the app reads the facts from "
           "instead of the warehouse file", _optional_path, shown_default="none"),
    Option("CXRISK_SPARK_MASTER", "spark_master", "local[2]", "Spark master for `--engine spark`"),
)
OPTION = {option.env: option for option in OPTIONS}
# Every setting an operator can change from the environment, with what it means.
ENV_VARS = {option.env: option.meaning for option in OPTIONS}


def env_value(name: str) -> str:
    """The environment's value of option NAME, else its default (the one place defaults live)."""
    value = os.environ.get(name, "").strip()
    return value or OPTION[name].default


def readme_default(option: Option) -> str:
    """How the README's settings table shows OPTION's default."""
    if option.shown_default is not None:
        return option.shown_default
    return option.default if option.default.isdigit() else f"`{option.default}`"


Settings = make_dataclass(
    "Settings",
    [(o.attr, Any) for o in OPTIONS if o.attr],
    frozen=True,
    namespace={"__doc__": "The settings in force: OPTIONS read from the environment once."},
)


def get_settings() -> Settings:
    """Read the settings now (environment variables may change between calls in tests)."""
    return Settings(**{o.attr: o.parse(env_value(o.env)) for o in OPTIONS if o.attr})


def resolve_db(db: str | os.PathLike | None = None) -> Path:
    """The warehouse path: an explicit argument wins over CXRISK_DB, which wins over the default."""
    return Path(db) if db else get_settings().db_path
