"""Mapping profiles: shipped JSON files beside this module, plus profiles users saved in the warehouse."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pipelines.errors import IngestError
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer

PROFILES_DIR = Path(__file__).parent
# Keys a profile may carry besides name/kind/description (see "Profiles" in the README).
PROFILE_KEYS = ("columns", "ratings", "zero_is_na", "rating_scale", "csat_scale", "timezone", "values",
                "missing_values", "times_before_created")


def shipped() -> dict[str, dict]:
    found = {}
    for path in sorted(PROFILES_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        found[spec["name"]] = spec
    return found


def _saved(db) -> dict[str, dict]:
    from warehouse.config.settings import resolve_db
    from warehouse.storage.db import connect

    if db is None and not resolve_db(None).exists():
        return {}
    from pipelines import sqlscripts

    with connect(db) as con:
        rows = sqlscripts.run(con, "sql/profiles_list.sql").fetchall()
    found = {}
    for name, kind, spec, created_by, created_at in rows:
        data = json.loads(spec)
        data.update(name=name, kind=kind, created_by=created_by, created_at=str(created_at), saved=True)
        found[name] = data
    return found


def list_profiles(db=None) -> list[dict]:
    """Shipped and saved profiles (a saved profile of the same name wins), sorted by name."""
    merged = {**shipped(), **_saved(db)}
    return [merged[name] for name in sorted(merged)]


def get_profile(name: str, db=None) -> dict:
    for spec in list_profiles(db):
        if spec["name"] == name:
            return spec
    names = ", ".join(p["name"] for p in list_profiles(db)) or "none"
    raise IngestError(f"No mapping profile named {name!r}; profiles: {names} (`python -m pipelines profiles`).")


def validate(kind: str, spec: dict) -> dict:
    """A profile spec checked against the kind's fields; returns the cleaned spec."""
    from pipelines import spec as kind_spec
    from pipelines.mapping import _target

    schema = kind_spec(kind)
    unknown = set(spec) - set(PROFILE_KEYS) - {"name", "kind", "description"}
    if unknown:
        raise IngestError(f"Unknown profile keys: {', '.join(sorted(unknown))}; allowed: {', '.join(PROFILE_KEYS)}.")
    for header, target in (spec.get("columns") or {}).items():
        _target(schema, str(target), str(header))
    for key in ("rating_scale", "csat_scale"):
        if spec.get(key) not in (None, 5, 10):
            raise IngestError(f"{key} must be 5 or 10.")
    return {k: v for k, v in spec.items() if k in PROFILE_KEYS or k == "description"}


def save_profile(name: str, kind: str, spec: dict, *, db=None, user: Viewer | str) -> dict:
    """Save (or replace) a profile in the warehouse; the change is audited.

    USER is the signed-in Viewer (checked for edit_mappings) or a trusted system caller's name.
    """
    user = acting_name(user, "edit_mappings")
    from pipelines import sqlscripts
    from warehouse.access import audit
    from warehouse.storage.db import connect
    from warehouse.storage.transactions import transaction

    name = (name or "").strip()
    if not name:
        raise IngestError("A profile needs a name.")
    cleaned = validate(kind, spec)
    with connect(db, write=True) as con, transaction(con):
        sqlscripts.run(con, "sql/profile_save.sql", {
            "name": name, "kind": kind, "spec": json.dumps(cleaned, ensure_ascii=False), "user": user,
            "at": datetime.now(UTC).replace(tzinfo=None),
        })
        audit.record(con, user, "profile.save", f"profile:{name}", {"kind": kind, "spec": cleaned})
    return {"name": name, "kind": kind, **cleaned}
