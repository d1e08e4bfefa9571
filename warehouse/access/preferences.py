"""What each user chose for themselves, kept across sessions: today the interface language.

Kept in the access sidecar beside the warehouse (warehouse/access/sidecar.py), so that switching
language never waits for a load holding the warehouse's writer lock.
"""

from __future__ import annotations

import time

from warehouse.access import sidecar
from warehouse.access.scope import Viewer
from warehouse.config.app_settings import LANGUAGES
from warehouse.storage import sqlfiles


def language(*, viewer: Viewer, db=None) -> str | None:
    """The language VIEWER last chose (None: never chose; the admin's default applies)."""
    with sidecar.connect(db) as con:
        row = sqlfiles.one(con, "access/sidecar/preference_get.sql", {"user_name": viewer.name})
    found = row and row["language"]
    return found if found in LANGUAGES else None


def set_language(lang: str, *, viewer: Viewer, db=None) -> None:
    """Remember LANG as VIEWER's language for their next sessions."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGUAGES)}")
    with sidecar.connect(db) as con:
        sqlfiles.execute(con, "access/sidecar/preference_set.sql",
                         {"user_name": viewer.name, "language": lang, "now": time.time()})
