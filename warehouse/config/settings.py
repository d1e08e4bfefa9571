"""Typed application settings: defaults, overridden by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Every setting an operator can change from the environment; README lists them (a test checks).
ENV_VARS = {
    "CXRISK_DB": "path of the DuckDB warehouse file (default data/cxrisk.duckdb)",
    "CXRISK_TZ": "time zone of source exports without one (default Asia/Shanghai)",
    "CXRISK_LANG": "default UI language, en or zh-CN (default en)",
    "CXRISK_CURRENCY": "currency code shown with money values (default CNY)",
    "CXRISK_REFRESH_SECONDS": "how often live dashboard areas refresh (default 30)",
    "CXRISK_MONITOR_SECONDS": "seconds between monitor cycles when no load arrives (default 60)",
    "CXRISK_REJECTS_DIR": "folder for rejected-row CSV files (default data/rejects)",
    "CXRISK_ADMIN_PASSWORD": "password of the first admin account, read once at first start",
    "CXRISK_SESSION_IDLE_MINUTES": "idle minutes before a signed-in session expires (default 30)",
    "CXRISK_READ_CACHE": "1 (default) keeps a read-only warehouse handle open between reads; "
    "0 opens one per read",
    "CXRISK_AUTH": "local (default) or oidc to offer single sign-on through st.login",
    "CXRISK_INGEST_MEMORY": "memory cap of a load's private staging database before it spills to disk (default 600MB)",
    "CXRISK_DATE_EARLIEST": "dates before this day are rejected as implausible (default 1990-01-01)",
    "CXRISK_DATE_FUTURE_DAYS": "dates more than this many days after the load are rejected (default 1)",
    "CXRISK_MAX_ROWS": "most data rows one file may have (default 5000000)",
    "CXRISK_MAX_COLUMNS": "most columns one file may have (default 500)",
    "CXRISK_MAX_UNCOMPRESSED_MB": "largest file (an XLSX counted unpacked) a load reads (default 2048)",
    "CXRISK_BASE_URL": "address of the app that notifications link to (default http://localhost:8501)",
    "CXRISK_DIGEST_TIME": "local time of the daily alert digest, HH:MM (default 08:30)",
    "CXRISK_SECRETS_FILE": "file read for notification secrets (default .streamlit/secrets.toml)",
    "CXRISK_SMTP_HOST": "mail server that sends e-mail notifications (unset: e-mail targets cannot send)",
    "CXRISK_SMTP_PORT": "its port (default 587; 465 with ssl, 25 with none)",
    "CXRISK_SMTP_SECURITY": "starttls (default), ssl or none",
    "CXRISK_SMTP_USER": "user name at the mail server (unset: no sign-in)",
    "CXRISK_SMTP_PASSWORD": "its password (environment or secrets file only, never stored)",
    "CXRISK_SMTP_FROM": "sender address of notifications (default cx-risk-monitor@localhost)",
    "CXRISK_MARTS": "folder of marts (python -m warehouse marts build) the app reads the facts "
    "from instead of the warehouse file (default: none)",
    "CXRISK_SPARK_MASTER": "Spark master for --engine spark (default local[2])",
}


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(default_factory=lambda: Path(_env("CXRISK_DB", str(PROJECT_ROOT / "data" / "cxrisk.duckdb"))))
    timezone: str = field(default_factory=lambda: _env("CXRISK_TZ", "Asia/Shanghai"))
    language: str = field(default_factory=lambda: _env("CXRISK_LANG", "en"))
    currency: str = field(default_factory=lambda: _env("CXRISK_CURRENCY", "CNY"))
    refresh_seconds: int = field(default_factory=lambda: int(_env("CXRISK_REFRESH_SECONDS", "30")))
    monitor_seconds: int = field(default_factory=lambda: int(_env("CXRISK_MONITOR_SECONDS", "60")))
    rejects_dir: Path = field(default_factory=lambda: Path(_env("CXRISK_REJECTS_DIR", str(PROJECT_ROOT / "data" / "rejects"))))
    session_idle_minutes: int = field(default_factory=lambda: int(_env("CXRISK_SESSION_IDLE_MINUTES", "30")))
    auth_mode: str = field(default_factory=lambda: _env("CXRISK_AUTH", "local"))
    ingest_memory: str = field(default_factory=lambda: _env("CXRISK_INGEST_MEMORY", "600MB"))
    date_earliest: date = field(default_factory=lambda: date.fromisoformat(_env("CXRISK_DATE_EARLIEST", "1990-01-01")))
    date_future_days: int = field(default_factory=lambda: int(_env("CXRISK_DATE_FUTURE_DAYS", "1")))
    max_rows: int = field(default_factory=lambda: int(_env("CXRISK_MAX_ROWS", "5000000")))
    max_columns: int = field(default_factory=lambda: int(_env("CXRISK_MAX_COLUMNS", "500")))
    max_uncompressed_mb: int = field(default_factory=lambda: int(_env("CXRISK_MAX_UNCOMPRESSED_MB", "2048")))
    base_url: str = field(default_factory=lambda: _env("CXRISK_BASE_URL", "http://localhost:8501"))
    digest_time: str = field(default_factory=lambda: _env("CXRISK_DIGEST_TIME", "08:30"))
    marts_dir: Path | None = field(
        default_factory=lambda: Path(_env("CXRISK_MARTS", "")) if _env("CXRISK_MARTS", "") else None
    )


def get_settings() -> Settings:
    """Read the settings now (environment variables may change between calls in tests)."""
    return Settings()


def resolve_db(db: str | os.PathLike | None = None) -> Path:
    """The warehouse path: an explicit argument wins over CXRISK_DB, which wins over the default."""
    return Path(db) if db else get_settings().db_path
