"""Find a file's header row, propose its kind, and say what its columns leave out before a load."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pipelines import SPECS, readers
from pipelines import hooks as kind_hooks
from pipelines.errors import IngestError
from pipelines.mapping import Plan, accepted_headers_text, clean_headers, duplicate_headers, plan
from pipelines.schema import KindSpec, header_key

# Closest-field suggestions below this similarity are noise, not help.
SUGGEST_AT = 0.6
# Survey tools name a column by its question ("How likely are you to recommend us…?", "您向朋友
# 推荐…的可能性"): words that say which field a question asks for, stronger than any alias
# likeness ("What is the main reason for your score?" is a comment, not a score).
QUESTION_CUES = {
    "comment": ("reason", "why", "comment", "feedback", "原因", "为什么", "意见", "建议",
                "留言"),
    "nps": ("recommend", "推荐"),
    "ces": ("effort", "easy", "费力", "省力", "容易"),
    "csat": ("satisf", "满意"),
}


@dataclass
class Header:
    line: int
    separator: str | None
    cells: list[str]
    headers: list[str]
    plan: Plan


def _score(p: Plan) -> tuple[int, int]:
    mapped = len([t for t in p.targets if t])
    return (0 if p.missing_required or p.conflicts else 1, mapped)


def _separators(raw: readers.RawFile) -> tuple[str | None, ...]:
    return (None,) if raw.format == "xlsx" else readers.SEPARATORS


def _check_width(raw: readers.RawFile, max_columns: int | None) -> None:
    if not max_columns:
        return
    for sep in _separators(raw):
        for line, cells in raw.candidates(sep or ","):
            if len(cells) > max_columns:
                raise IngestError(
                    f"Line {line} has {len(cells):,} columns; a load takes at most {max_columns:,} "
                    "(setting CXRISK_MAX_COLUMNS). Export only the columns you need and load again.")


def find_header(raw: readers.RawFile, schema: KindSpec, profile: dict | None, explicit: dict | None,
                optional: tuple[str, ...] = (), *, max_columns: int | None = None) -> Header:
    """The first line that maps every required field (junk lines above it are skipped)."""
    _check_width(raw, max_columns)
    best: Header | None = None
    lines: dict[int, Header] = {}
    for sep in _separators(raw):
        for line, cells in raw.candidates(sep or ","):
            headers = clean_headers(cells)
            candidate = Header(line, sep, cells, headers, plan(headers, schema, profile, explicit, optional))
            current = lines.get(line)
            key = (_score(candidate.plan), len(headers))
            if current is None or key > (_score(current.plan), len(current.headers)):
                lines[line] = candidate
    for line in sorted(lines):
        found = lines[line]
        if _score(found.plan)[0]:
            return found
        if best is None or _score(found.plan)[1] > _score(best.plan)[1]:
            best = found
    other = _other_kind(raw, schema)
    wrong_kind = (f"This looks like a {other} export, not {schema.name}: load it with `ingest {other} FILE` "
                  f"(or map the columns with --map \"Header=field\").")
    if other and (best is None or best.plan.missing_required):
        raise IngestError(wrong_kind)
    if best is None or _score(best.plan)[1] == 0:
        if other:
            raise IngestError(wrong_kind)
        raise IngestError(
            f"No header row for a {schema.name} export in the first {readers.HEADER_SEARCH_LINES} lines; "
            f"expected headers such as {accepted_headers_text(schema, schema.required[0])}. "
            "Check the kind, or map columns with --map \"Header=field\" or --profile NAME."
        )
    dupes = duplicate_headers(best.headers)
    if dupes:
        raise IngestError("Duplicate header names: " + ", ".join(dupes)
                          + ". Rename one so each column has its own name, then upload again.")
    if best.plan.conflicts:
        raise IngestError("Ambiguous columns: " + "; ".join(best.plan.conflicts)
                          + ". Choose one with --map \"Header=field\" (or --map \"Header=extra\").")
    missing = best.plan.missing_required[0]
    message = (f"Missing required column for {missing}: no header matches. Accepted headers: "
               f"{accepted_headers_text(schema, missing)}. Rename the column or map it with "
               f"--map \"Your header={missing}\".")
    if missing in schema.key:
        message += (" A file without any id column can load with --row-id hash (an id built from each "
                    "row's content, so loading it again adds nothing).")
    message += kind_hooks(schema.name).missing_hint(missing)
    raise IngestError(message)


def _other_kind(raw: readers.RawFile, schema: KindSpec) -> str | None:
    for name, other in SPECS.items():
        if name == schema.name:
            continue
        optional = kind_hooks(name).optional_fields(as_of="any")
        for sep in _separators(raw):
            for _, cells in raw.candidates(sep or ","):
                p = plan(clean_headers(cells), other, None, None, optional)
                if not p.missing_required and not p.conflicts:
                    return name
    return None


@dataclass(frozen=True)
class KindFit:
    """How well a file's headers fit one kind: columns matched and whether the required ones are there."""

    kind: str
    matched: int  # columns that map to one of the kind's fields
    columns: int
    complete: bool  # every required field (besides what --as-of can fill) has a column
    confidence: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


def kind_fits(raw: readers.RawFile) -> list[KindFit]:
    """Every kind's fit to the file's best header line, best first (the Data page's proposal)."""
    fits = []
    for name, spec in SPECS.items():
        optional = kind_hooks(name).optional_fields(as_of="any")
        best: tuple | None = None
        for sep in _separators(raw):
            for _, cells in raw.candidates(sep or ","):
                headers = clean_headers(cells)
                p = plan(headers, spec, None, None, optional)
                matched = len([t for t in p.targets if t])
                complete = not p.missing_required and not p.conflicts
                key = (complete, matched, -len(headers))
                if best is None or key > best[0]:
                    best = (key, matched, len(headers), complete)
        if best is None:
            continue
        _, matched, width, complete = best
        # Share of the file's columns the kind explains, halved when a required field has no column.
        confidence = (matched / width if width else 0.0) * (1.0 if complete else 0.5)
        fits.append(KindFit(name, matched, width, complete, round(confidence, 3)))
    fits.sort(key=lambda f: (f.complete, f.confidence, f.matched), reverse=True)
    return fits


def closest_field(header: str, spec: KindSpec, taken: set[str]) -> str | None:
    """The canonical field a question's words ask for (QUESTION_CUES), else the one whose name or
    aliases (English or Chinese) look most like HEADER."""
    key = header_key(header)
    if not key:
        return None
    words = header.lower()
    for name, cues in QUESTION_CUES.items():
        if name in spec.names and name not in taken and any(cue in words for cue in cues):
            return name
    best, best_score = None, 0.0
    for field in spec.fields:
        if field.name in taken:
            continue
        for alias in field.accepted_headers:
            other = header_key(alias)
            if not other:
                continue
            score = difflib.SequenceMatcher(None, key, other).ratio()
            if min(len(key), len(other)) >= 2 and (other in key or key in other):
                score = max(score, 0.8)
            if score > best_score:
                best, best_score = field.name, score
    return best if best_score >= SUGGEST_AT else None


def advice(head: Header, schema: KindSpec, *, filled: tuple[str, ...] = ()) -> list[str]:
    """Warnings before a load: metric fields without a column (and what that disables), and the
    closest field for each header that would only be kept in `extra`."""
    mapped = set(head.plan.mapped) | set(filled)
    has_ratings = bool(head.plan.ratings)
    found = []
    for fields, disables in schema.metric_groups:
        present = [f for f in fields if f in mapped or (f == "rating" and has_ratings)]
        if not present:
            names = " or ".join(f if f != "rating" else "a touchpoint rating" for f in fields)
            found.append(f"No column for {names}: {disables} stay empty for this file.")
    taken = {t for t in head.plan.targets if t}
    for header in head.plan.extra_keys:
        field = closest_field(header, schema, taken)
        if field:
            found.append(f"Column {header!r} is not mapped (kept in extra); did you mean {field}? "
                         f"Map it to {field} (command line: --map \"{header}={field}\").")
    return found
