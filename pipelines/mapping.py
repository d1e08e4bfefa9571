"""Map source headers to canonical fields: explicit --map, then a profile, then alias lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.errors import IngestError
from pipelines.schema import KindSpec, header_key

# Mapping targets besides canonical fields: keep the column in `extra`, or (surveys) read it
# as one touchpoint's rating, the touchpoint named by the header or by "rating:Name".
EXTRA = "extra"
RATING = "rating"


@dataclass
class Plan:
    """How each source column is used, in source order."""

    headers: list[str]
    targets: list[str | None]  # canonical field, "rating:<touchpoint>", or None (kept in extra)
    mapped: dict[str, str] = field(default_factory=dict)  # field -> header
    missing_required: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Column names for the staging table: the target, or extra:<position> for kept columns."""
        return [t if t else f"extra:{i}" for i, t in enumerate(self.targets)]

    @property
    def extra_keys(self) -> list[str]:
        return [h for h, t in zip(self.headers, self.targets) if not t]

    @property
    def ratings(self) -> list[str]:
        return [t.split(":", 1)[1] for t in self.targets if t and t.startswith("rating:")]

    def suggestion(self) -> dict[str, str | None]:
        return {h: t for h, t in zip(self.headers, self.targets)}


def clean_headers(cells: list[str]) -> list[str]:
    """Headers trimmed; an unnamed column gets a positional name so it can still be kept."""
    out = []
    for i, cell in enumerate(cells):
        text = (cell or "").replace("\ufeff", "").strip()
        out.append(text or f"column_{i + 1}")
    return out


def duplicate_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    found = []
    for i, h in enumerate(headers):
        if h in seen:
            found.append(f"{h!r} (columns {seen[h] + 1} and {i + 1})")
        else:
            seen[h] = i
    return found


def _target(spec: KindSpec, value: str, header: str) -> str | None:
    """Validate a mapping target written by a user or a profile."""
    value = value.strip()
    if value in ("", EXTRA):
        return None
    if value == RATING or value.startswith(RATING + ":"):
        if RATING not in spec.extra_targets:
            raise IngestError(f"'{value}' is only a mapping target for surveys.")
        name = value.split(":", 1)[1].strip() if ":" in value else header
        return f"rating:{name or header}"
    if value not in spec.names:
        raise IngestError(
            f"Unknown field {value!r} for {spec.name} in the mapping of {header!r}; "
            f"fields: {', '.join(spec.names)}{', rating' if RATING in spec.extra_targets else ''}, extra."
        )
    return value


def plan(
    headers: list[str],
    spec: KindSpec,
    profile: dict | None = None,
    explicit: dict[str, str] | None = None,
    optional: tuple[str, ...] = (),
) -> Plan:
    """Assign every header a target. `optional` lists required fields the caller can fill (--as-of)."""
    targets: list[str | None] = [None] * len(headers)
    decided = [False] * len(headers)
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(headers)))}
    by_text = {h: i for i, h in reversed(list(enumerate(headers)))}

    def find(header: str) -> int | None:
        if header in by_text:
            return by_text[header]
        return by_key.get(header_key(header))

    layers = [explicit or {}, (profile or {}).get("columns", {})]
    for layer in layers:
        for source, value in layer.items():
            i = find(source)
            if i is None or decided[i]:
                continue
            targets[i] = _target(spec, value, headers[i])
            decided[i] = True
    ratings = (profile or {}).get("ratings") or {}
    if isinstance(ratings, list):
        ratings = {h: h for h in ratings}
    for source, touchpoint in ratings.items():
        i = find(source)
        if i is not None and not decided[i]:
            targets[i] = f"rating:{touchpoint}"
            decided[i] = True

    conflicts = []
    taken = {t for t in targets if t}
    for spec_field in spec.fields:
        if spec_field.name in taken:
            continue
        keys = {header_key(a) for a in spec_field.accepted_headers}
        hits = [i for i, h in enumerate(headers) if not decided[i] and header_key(h) in keys]
        if len(hits) > 1:
            names = " and ".join(repr(headers[i]) for i in hits)
            conflicts.append(f"{names} could both be {spec_field.name}")
            continue
        if hits:
            targets[hits[0]] = spec_field.name
            decided[hits[0]] = True

    seen: dict[str, int] = {}
    for i, t in enumerate(targets):
        if t and not t.startswith("rating:"):
            if t in seen:
                conflicts.append(f"{headers[seen[t]]!r} and {headers[i]!r} are both mapped to {t}")
            seen[t] = i
    mapped = {t: headers[i] for i, t in enumerate(targets) if t}
    missing = [f for f in spec.required if f not in mapped and f not in optional]
    return Plan(headers, targets, mapped, missing, conflicts)


def accepted_headers_text(spec: KindSpec, name: str) -> str:
    return ", ".join(repr(a) for a in spec.field(name).accepted_headers)


def parse_map_option(values: list[str] | None) -> dict[str, str]:
    """--map "Source header=field" options as a dict (a usage error is an IngestError)."""
    result = {}
    for item in values or []:
        source, sep, target = item.partition("=")
        if not sep or not source.strip():
            raise IngestError(f'--map expects "Source header=field", got {item!r}.')
        result[source.strip()] = target.strip()
    return result
