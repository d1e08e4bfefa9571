"""Ingestion pipelines: load CX exports (CSV/XLSX, any encoding) into the warehouse exactly once."""

from __future__ import annotations

from pipelines.benchmarks.schema import SPEC as _BENCHMARKS
from pipelines.complaints.schema import SPEC as _COMPLAINTS
from pipelines.crm.schema import SPEC as _CRM
from pipelines.ops.schema import SPEC as _OPS
from pipelines.schema import FieldSpec, KindSpec
from pipelines.survey.schema import SPEC as _SURVEY

SPECS: dict[str, KindSpec] = {s.name: s for s in (_CRM, _SURVEY, _COMPLAINTS, _BENCHMARKS, _OPS)}
KINDS: tuple[str, ...] = tuple(SPECS)


def spec(kind: str) -> KindSpec:
    """The kind's spec; an unknown kind is a user error with the list of kinds."""
    from pipelines.errors import IngestError

    try:
        return SPECS[kind]
    except KeyError:
        raise IngestError(f"Unknown kind {kind!r}; use one of: {', '.join(KINDS)}.") from None


def fields(kind: str) -> list[FieldSpec]:
    """Canonical fields of a kind (for the mapping editor)."""
    return list(spec(kind).fields)


__all__ = ["KINDS", "SPECS", "FieldSpec", "KindSpec", "fields", "spec"]
