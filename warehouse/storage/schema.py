"""Schema versions: the numbered migrations in migrations/, applied in order, each in one transaction."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.storage import derived, sqlfiles
from warehouse.storage.transactions import transaction

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, Path]]:
    """Numbered migration files in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def latest_version() -> int:
    return migrations()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchone()[0]


# A migration that changes what the derived tables hold says so on a line of its own; the
# derived tables are then rebuilt from the stored rows before the last migration commits.
DERIVE = "-- @derive"


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration newer than the file's version, each in its own transaction."""
    current = schema_version(con)
    pending = [(version, path) for version, path in migrations() if version > current]
    applied = []
    derive = False
    for version, path in pending:
        text = path.read_text(encoding="utf-8")
        derive = derive or any(line.strip() == DERIVE for line in text.splitlines())
        with transaction(con):
            con.execute(sqlfiles.expand(text))
            if derive and version == pending[-1][0]:
                derived.refresh_all(con)
            con.execute(
                "create table if not exists schema_version (version integer primary key, applied_at timestamp)"
            )
            con.execute("insert into schema_version values (?, now()::timestamp)", [version])
        applied.append(version)
    return applied
