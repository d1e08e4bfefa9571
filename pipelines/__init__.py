"""Ingestion pipelines: load CX exports (CSV/XLSX, any encoding) into the warehouse exactly once."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.util import find_spec

from pipelines.hooks import DEFAULT, KindHooks
from pipelines.schema import FieldSpec, KindSpec


def _discover() -> tuple[dict[str, KindSpec], dict[str, KindHooks]]:
    """Every folder pipelines/<kind>/ with a schema.py is an export kind (hooks.py is optional):
    a new kind is a new folder, nothing here names one."""
    specs: dict[str, KindSpec] = {}
    hooks: dict[str, KindHooks] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.ispkg or find_spec(f"{__name__}.{info.name}.schema") is None:
            continue
        kind = importlib.import_module(f"{__name__}.{info.name}.schema").SPEC
        specs[kind.name] = kind
        found = find_spec(f"{__name__}.{info.name}.hooks")
        hooks[kind.name] = importlib.import_module(found.name).HOOKS if found else DEFAULT
    return specs, hooks


SPECS, HOOKS = _discover()
KINDS: tuple[str, ...] = tuple(sorted(SPECS, key=lambda k: (SPECS[k].position, k)))


def spec(kind: str) -> KindSpec:
    """The kind's spec; an unknown kind is a user error with the list of kinds."""
    from pipelines.errors import IngestError

    try:
        return SPECS[kind]
    except KeyError:
        raise IngestError(f"Unknown kind {kind!r}; use one of: {', '.join(KINDS)}.") from None


def hooks(kind: str) -> KindHooks:
    """The kind's load steps (the no-op defaults when its folder has no hooks.py)."""
    spec(kind)
    return HOOKS[kind]


def fields(kind: str) -> list[FieldSpec]:
    """Canonical fields of a kind (for the mapping editor)."""
    return list(spec(kind).fields)


__all__ = ["HOOKS", "KINDS", "SPECS", "FieldSpec", "KindHooks", "KindSpec", "fields", "hooks", "spec"]
