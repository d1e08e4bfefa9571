"""Public API of the loader: preview a file, ingest it exactly once, list and undo batches."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import pandas as pd
import pyarrow as pa

from pipelines import SPECS, load, readers, sqlscripts
from pipelines import spec as kind_spec
from pipelines.errors import IngestError
from pipelines.mapping import Plan, accepted_headers_text, clean_headers, duplicate_headers, plan
from pipelines.profiles import get_profile
from pipelines.schema import KindSpec
from warehouse.access.permissions import acting_name
from warehouse.access.scope import Viewer
from warehouse.config.settings import get_settings

Progress = Callable[[float, str], None]


@dataclass
class LoadResult:
    batch_id: int
    kind: str
    rows_read: int
    rows_loaded: int
    rows_updated: int
    rows_duplicate: int
    rows_rejected: int
    rejects_path: str | None
    file_name: str = ""
    sha256: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Preview:
    kind: str
    headers: list[str]
    encoding: str | None
    separator: str | None
    header_line: int
    sheet: str | None
    mapping: dict[str, str | None]
    missing_required: list[str]
    sample: pd.DataFrame = field(repr=False)


@dataclass
class Header:
    line: int
    separator: str | None
    cells: list[str]
    headers: list[str]
    plan: Plan


def _resolve_profile(kind: str, profile: str | dict | None, db) -> dict | None:
    if profile is None or profile == "":
        return None
    spec = profile if isinstance(profile, dict) else get_profile(profile, db)
    if spec.get("kind", kind) != kind:
        raise IngestError(f"Profile {spec.get('name')!r} is for {spec['kind']} exports, not {kind}.")
    return spec


def _score(p: Plan) -> tuple[int, int]:
    mapped = len([t for t in p.targets if t])
    return (0 if p.missing_required or p.conflicts else 1, mapped)


def find_header(raw: readers.RawFile, schema: KindSpec, profile: dict | None, explicit: dict | None,
                optional: tuple[str, ...] = ()) -> Header:
    """The first line that maps every required field (junk lines above it are skipped)."""
    best: Header | None = None
    separators = (None,) if raw.format == "xlsx" else readers.SEPARATORS
    lines: dict[int, Header] = {}
    for sep in separators:
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
    if other and (best is None or best.plan.missing_required):
        raise IngestError(
            f"This looks like a {other} export, not {schema.name}: load it with `ingest {other} FILE` "
            f"(or map the columns with --map \"Header=field\")."
        )
    if best is None or _score(best.plan)[1] == 0:
        if other:
            raise IngestError(
                f"This looks like a {other} export, not {schema.name}: load it with `ingest {other} FILE` "
                f"(or map the columns with --map \"Header=field\")."
            )
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
    if schema.name == "survey" and missing == "submitted_at":
        message += " A survey export without any date column needs --as-of YYYY-MM-DD."
    raise IngestError(message)


def _other_kind(raw: readers.RawFile, schema: KindSpec) -> str | None:
    for name, other in SPECS.items():
        if name == schema.name:
            continue
        for sep in (None,) if raw.format == "xlsx" else readers.SEPARATORS:
            for _, cells in raw.candidates(sep or ","):
                p = plan(clean_headers(cells), other, None, None, ("submitted_at",))
                if not p.missing_required and not p.conflicts:
                    return name
    return None


def _sha256(path: Path, out: dict) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    out["sha256"] = digest.hexdigest()


def _parse_as_of(as_of) -> str | None:
    if as_of in (None, ""):
        return None
    if isinstance(as_of, datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, date):
        return as_of.isoformat()
    try:
        return date.fromisoformat(str(as_of).strip()).isoformat()
    except ValueError:
        raise IngestError(f"--as-of expects a date as YYYY-MM-DD, got {as_of!r}.") from None


def fixed_offset(tz: str) -> int | None:
    """The zone's UTC offset in seconds when it has not changed since 1992, else None (DST zones)."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise IngestError(f"Unknown time zone {tz!r}; use a name such as Asia/Shanghai or UTC.") from None
    offsets = {zone.utcoffset(datetime(year, month, 1)) for year in range(1992, 2101) for month in (1, 4, 7, 10)}
    return int(offsets.pop().total_seconds()) if len(offsets) == 1 else None


@dataclass
class Staged:
    """A staged file: the staging database path and everything the write step needs."""

    kind: str
    handoff: Path  # DuckDB file with incoming rows, rejects (and survey ratings) for the write step
    file_name: str
    counts: dict
    rejects: pd.DataFrame
    options: dict
    content: list[str]


class _Stager:
    def __init__(self, kind, path, *, db, profile, mapping, sheet, as_of, dayfirst, workdir, progress):
        self.schema = kind_spec(kind)
        self.kind = kind
        self.path = Path(path)
        self.profile = _resolve_profile(kind, profile, db)
        self.mapping = {str(k): str(v) for k, v in (mapping or {}).items() if str(k).strip()}
        self.sheet = sheet
        self.as_of = _parse_as_of(as_of)
        self.dayfirst = dayfirst
        self.workdir = Path(workdir)
        self.progress = progress or (lambda f, m: None)
        self.tz = (self.profile or {}).get("timezone") or get_settings().timezone

    def header(self) -> tuple[readers.RawFile, Header]:
        raw = readers.sniff(self.path, self.sheet)
        optional = ("submitted_at",) if self.kind == "survey" and self.as_of else ()
        found = find_header(raw, self.schema, self.profile, self.mapping, optional)
        dupes = duplicate_headers(found.headers)
        if dupes:
            raise IngestError("Duplicate header names: " + ", ".join(dupes)
                              + ". Rename one so each column has its own name, then upload again.")
        if "rating:" in " ".join(t or "" for t in found.plan.targets) and self.kind != "survey":
            raise IngestError("Rating columns apply to surveys only.")
        return raw, found

    def stage(self) -> Staged:
        self.progress(0.02, "reading the file")
        raw, head = self.header()
        hashed: dict = {}
        hasher = threading.Thread(target=_sha256, args=(self.path, hashed))
        hasher.start()
        con = duckdb.connect(":memory:", config={
            # private to this load; it spills to disk rather than grow the process
            "memory_limit": get_settings().ingest_memory, "temp_directory": str(self.workdir / "spill"),
            "preserve_insertion_order": True,
            # The macros' value lists (yes/no words, missing markers) would each become a join
            # per use, which costs more than the conversion and keeps the typed write serial.
            "disabled_optimizers": "in_clause"})
        try:
            staged = self._run(con, raw, head)
        finally:
            con.close()
            hasher.join()
        staged.options["sha256"] = hashed.get("sha256", "")
        return staged

    def _read(self, con, raw: readers.RawFile, head: Header) -> tuple[int, list[tuple[int, int, str]]]:
        """Load raw0; return (DuckDB-unreadable lines, malformed rows as (line, fields, text))."""
        names = head.plan.names
        if raw.format == "xlsx":
            start = raw.xlsx_line_numbers.index(head.line) + 1
            rows = raw.xlsx_rows[start:]
            self._xlsx_lines = raw.xlsx_line_numbers[start:]
            width = len(names)
            columns = {n: pa.array([(r[i] if i < len(r) else None) for r in rows], pa.string())
                       for i, n in enumerate(names)}
            extra = [(line, len([c for c in r if c is not None]), json.dumps(r, ensure_ascii=False))
                     for line, r in zip(self._xlsx_lines, rows)
                     if len(r) > width and any(c not in (None, "") for c in r[width:])]
            con.register("xlsx_rows", pa.table(columns))
            con.execute("create or replace table raw0 as select * from xlsx_rows")
            con.unregister("xlsx_rows")
            return 0, extra
        # A transcoded copy made by the clean-file path is read again rather than made twice.
        source = getattr(self, "_source", None) or readers.utf8_copy(raw, self.workdir)
        self._source = source
        params = {"path": str(source), "skip": head.line, "delim": head.separator,
                  "columns": {n: "VARCHAR" for n in names}}
        sqlscripts.run(con, "sql/read_csv.sql", params)
        bad_lines, bad_text = sqlscripts.run(con, "sql/read_errors.sql").fetchone()
        if bad_text and raw.encoding in ("utf-8", "utf-8-sig"):
            # The sample looked like UTF-8 but the rest is not: read it as GB18030 instead.
            source = readers.utf8_copy(raw, self.workdir, "gb18030")
            self._source = source
            params["path"] = str(source)
            raw.encoding = "gb18030"
            sqlscripts.run(con, "sql/read_csv.sql", params)
            bad_lines, bad_text = sqlscripts.run(con, "sql/read_errors.sql").fetchone()
        return bad_lines, []

    def _lines(self, head: Header, ords: set[int], width: int) -> tuple[dict[int, int], list]:
        """Line numbers of the given row ordinals, and the malformed rows (one pass over the file)."""
        if hasattr(self, "_xlsx_lines"):
            return {o: self._xlsx_lines[o] for o in ords if o < len(self._xlsx_lines)}, []
        found, malformed, ordinal = {}, [], 0
        for line, cells in readers.record_lines(self._source, head.separator, head.line, width):
            if len(cells) != width:
                malformed.append((line, len(cells), head.separator.join(cells)))
                continue
            if ordinal in ords:
                found[ordinal] = line
            ordinal += 1
        return found, malformed

    def _dayfirst(self, con, head: Header) -> bool:
        if self.dayfirst is not None:
            return bool(self.dayfirst)
        columns = [f for f in self.schema.date_fields if f in head.plan.mapped]
        if not columns:
            return False
        pattern = "^(" + "|".join(re.escape(c) for c in columns) + ")$"
        found = sqlscripts.run(con, "sql/detect_dayfirst.sql", {"date_columns": pattern}).fetchone()
        n = len(columns)
        firsts, seconds, counts, examples = (found[i * n:(i + 1) * n] for i in range(4))
        first_max = max((v for v in firsts if v is not None), default=None)
        second_max = max((v for v in seconds if v is not None), default=None)
        differing = sum(counts)
        example = next((v for v in examples if v is not None), None)
        if first_max and first_max > 12:
            return True
        if second_max and second_max > 12:
            return False
        if differing:
            raise IngestError(
                f"Dates such as {example!r} could be day-first or month-first and nothing in the file "
                "decides it; load again with --dayfirst (07/03/2025 = 7 March) or --monthfirst "
                "(07/03/2025 = July 3)."
            )
        return False

    def _fast(self, con, raw: readers.RawFile, head: Header, handoff: Path) -> Staged | None:
        """The clean-file path: one read straight into the hand-off file, or None when the file
        needs the full path (rejects, repeated keys, dates only the slow path reads, bad rows)."""
        script = f"{self.kind}/fast.sql"
        if raw.format != "csv" or not (sqlscripts.PIPELINES_DIR / script).exists():
            return None
        source = readers.utf8_copy(raw, self.workdir)
        self._source = source
        params = {"path": str(source), "skip": head.line, "delim": head.separator,
                  "columns": {n: "VARCHAR" for n in head.plan.names}, "tz": self.tz,
                  "tz_offset": fixed_offset(self.tz), "mapped": list(head.plan.mapped),
                  "extra_keys": ["", *head.plan.extra_keys]}
        con.execute("attach ? as handoff", [str(handoff)])
        try:
            # The file lives for seconds, so its pages are written uncompressed.
            con.execute("set force_compression = 'uncompressed'")
            try:
                sqlscripts.run(con, script, params)
            except duckdb.Error:
                # Malformed rows or text that is not UTF-8: the full path reports them row by row.
                sqlscripts.run(con, "sql/fast_discard.sql")
                return None
            rows_read, unclean, repeated = sqlscripts.run(con, f"{self.kind}/fast_check.sql").fetchone()
            if unclean or repeated or not rows_read:
                sqlscripts.run(con, "sql/fast_discard.sql")
                return None
            sqlscripts.run(con, "sql/fast_rejects.sql")
            content = [c for c in con.execute("select * from handoff.incoming limit 0").df().columns
                       if c not in ("_ord", "_key", "_hash", "_ok")]
        finally:
            con.execute("set force_compression = 'auto'")
            con.execute("detach handoff")
        counts = {"rows_read": int(rows_read), "rows_rejected": 0, "rows_valid": int(rows_read),
                  "rows_infile_duplicate": 0}
        options = {
            "mapping": head.plan.suggestion(), "profile": (self.profile or {}).get("name"),
            "as_of": self.as_of, "sheet": raw.sheet,
            # every date was read without the day/month question, so only a flag can set it
            "dayfirst": bool(self.dayfirst), "timezone": self.tz, "encoding": raw.encoding,
            "separator": readers.SEPARATOR_NAMES.get(head.separator), "header_line": head.line,
        }
        rejects = pd.DataFrame({"line_no": pd.Series(dtype="Int64"), "field": pd.Series(dtype=object),
                                "reason": pd.Series(dtype=object), "raw": pd.Series(dtype=object)})
        return Staged(self.kind, handoff, self.path.name, counts, rejects, options, content)

    def _run(self, con, raw: readers.RawFile, head: Header) -> Staged:
        sqlscripts.run(con, "sql/macros.sql")
        handoff = self.workdir / "incoming.duckdb"
        fast = self._fast(con, raw, head, handoff)
        if fast is not None:
            return fast
        width = len(head.plan.names)
        bad_lines, xlsx_malformed = self._read(con, raw, head)
        self.progress(0.35, "checking rows")
        header_cells = [c.replace("\ufeff", "") if c else None for c in head.cells]
        header_cells = (header_cells + [None] * width)[:width]
        sqlscripts.run(con, "sql/raw.sql", {"header_cells": header_cells})
        dayfirst = self._dayfirst(con, head)
        profile = self.profile or {}
        params = {
            "dayfirst": dayfirst, "tz": self.tz, "tz_offset": fixed_offset(self.tz),
            "mapped": list(head.plan.mapped), "csat_scale": 5,
            "extra_keys": ["", *head.plan.extra_keys],
        }
        if self.kind == "survey":
            params.update(self._survey_params(con, head, profile))
        if self.kind == "crm":
            values = (profile.get("values") or {}).get("status") or {}
            params.update(status_from=list(values), status_to=[str(v) for v in values.values()])
        sqlscripts.run(con, f"{self.kind}/stage.sql", params)
        if self.kind == "survey":
            script = "survey/ratings_wide.sql" if head.plan.ratings else "survey/ratings_none.sql"
            sqlscripts.run(con, script)
            sqlscripts.run(con, "survey/ratings.sql", params)
        sqlscripts.run(con, "sql/finalise.sql")
        sqlscripts.run(con, "sql/incoming.sql")
        if self.kind == "survey":
            sqlscripts.run(con, "survey/finalise.sql")
        self.progress(0.6, "collecting rejects")
        rows_read, rows_rejected = sqlscripts.run(con, "sql/counts.sql").fetchone()
        rejects = sqlscripts.run(con, "sql/rejects.sql", {"headers": head.headers}).df()
        sqlscripts.run(con, "sql/drop_raw.sql")
        malformed = xlsx_malformed
        if len(rejects) or bad_lines:
            lines, more = self._lines(head, set(rejects["_ord"].tolist()), width)
            malformed = malformed + more
            rejects["line_no"] = rejects["_ord"].map(lines).astype("Int64")
        else:
            rejects["line_no"] = pd.Series(dtype="Int64")
        if malformed:
            extra = pd.DataFrame({
                "_ord": -1, "field": None,
                "reason": [f"row has {n} fields; the header has {width}" for _, n, _ in malformed],
                "raw": [text for _, _, text in malformed], "line_no": [line for line, _, _ in malformed],
            })
            rejects = pd.concat([rejects, extra], ignore_index=True)
        rows_read += len(malformed)
        rows_rejected += len(malformed)
        if rows_read == 0:
            raise IngestError(f"{self.path.name} has a header row but no data rows; nothing was loaded.")
        rejects = rejects[["line_no", "field", "reason", "raw"]].sort_values(
            ["line_no", "field"], na_position="last").reset_index(drop=True)
        reject_table = pa.table({
            "line_no": pa.array([None if pd.isna(x) else int(x) for x in rejects["line_no"]], pa.int64()),
            "field": pa.array(rejects["field"].tolist(), pa.string()),
            "reason": pa.array(rejects["reason"].tolist(), pa.string()),
            "raw": pa.array(rejects["raw"].tolist(), pa.string()),
        }) if len(rejects) else pa.table({"line_no": pa.array([], pa.int64()), "field": pa.array([], pa.string()),
                                          "reason": pa.array([], pa.string()), "raw": pa.array([], pa.string())})
        self.progress(0.65, "preparing rows")
        # The rows for the write step go to a small DuckDB file the write connection attaches:
        # memory stays bounded by DuckDB's buffer limits, and all the work happens before the lock.
        con.execute("attach ? as handoff", [str(handoff)])
        con.register("reject_table", reject_table)
        sqlscripts.run(con, "sql/handoff.sql")
        if self.kind == "survey":
            sqlscripts.run(con, "survey/handoff.sql")
        con.unregister("reject_table")
        content = [c for c in con.execute("select * from handoff.incoming limit 0").df().columns
                   if c not in ("_ord", "_key", "_hash", "_ok")]
        rows_valid = con.execute("select count(*) from handoff.incoming").fetchone()[0]
        con.execute("detach handoff")
        counts = {"rows_read": int(rows_read), "rows_rejected": int(rows_rejected),
                  "rows_valid": int(rows_valid),
                  "rows_infile_duplicate": int(rows_read - rows_rejected - rows_valid)}
        options = {
            "mapping": head.plan.suggestion(), "profile": profile.get("name"), "as_of": self.as_of,
            "sheet": raw.sheet, "dayfirst": dayfirst, "timezone": self.tz, "encoding": raw.encoding,
            "separator": readers.SEPARATOR_NAMES.get(head.separator), "header_line": head.line,
        }
        if self.kind == "survey":
            options.update(csat_scale=params["csat_scale"], rating_scale=params["rating_scale"],
                           zero_is_na=params["zero_is_na"])
        sqlscripts.run(con, "sql/staging_cleanup.sql")
        return Staged(self.kind, handoff, self.path.name, counts, rejects, options, content)

    def _survey_params(self, con, head: Header, profile: dict) -> dict:
        csat_scale = profile.get("csat_scale")
        if not csat_scale:
            csat_scale = 5
            if "csat" in head.plan.mapped:
                top = sqlscripts.run(con, "survey/detect_csat.sql").fetchone()[0]
                csat_scale = 10 if top and top > 5 else 5
        rating_scale = profile.get("rating_scale")
        if not rating_scale:
            rating_scale = 5
            if head.plan.ratings:
                top = sqlscripts.run(con, "survey/detect_ratings.sql").fetchone()[0]
                rating_scale = 10 if top and top > 5 else 5
        as_of = self.as_of if "submitted_at" not in head.plan.mapped else None
        return {"csat_scale": int(csat_scale), "rating_scale": int(rating_scale),
                "zero_is_na": bool(profile.get("zero_is_na", False)), "as_of": as_of}


def ingest_file(kind: str, path, *, db=None, profile=None, mapping: dict | None = None, sheet=None,
                as_of=None, dayfirst: bool | None = None, user: Viewer | str = "cli",
                file_name: str | None = None, progress: Progress | None = None,
                on_wait: Callable[[str], None] | None = None) -> LoadResult:
    """Load one file all-or-nothing; raises IngestError (nothing changed) when the file is refused.

    USER is the signed-in Viewer (checked for upload) or a trusted system caller's name (the
    command line acts as the system admin). Alerts are not evaluated here; callers do that.
    """
    user = acting_name(user, "upload")
    started = datetime.now(UTC).replace(tzinfo=None)
    tick = progress or (lambda f, m: None)
    with readers.workdir() as tmp:
        stager = _Stager(kind, path, db=db, profile=profile, mapping=mapping, sheet=sheet, as_of=as_of,
                         dayfirst=dayfirst, workdir=tmp, progress=tick)
        staged = stager.stage()
        if file_name:
            staged.file_name = file_name
        tick(0.7, "waiting for the warehouse")

        def waiting(message: str) -> None:
            tick(0.7, message)
            if on_wait:
                on_wait(message)

        result = load.write(db, staged, user=user, started=started, on_wait=waiting, progress=tick)
    tick(1.0, "done")
    result.seconds = (datetime.now(UTC).replace(tzinfo=None) - started).total_seconds()
    return result


def preview(kind: str, path, *, profile=None, mapping: dict | None = None, sheet=None, rows: int = 20,
            db=None, as_of=None) -> Preview:
    """Headers, detected encoding/separator/header line, suggested mapping and a sample, without loading."""
    with readers.workdir() as tmp:
        stager = _Stager(kind, path, db=db, profile=profile, mapping=mapping, sheet=sheet, as_of=as_of,
                         dayfirst=None, workdir=tmp, progress=None)
        raw = readers.sniff(stager.path, sheet)
        optional = ("submitted_at",) if kind == "survey" else ()
        try:
            head = find_header(raw, stager.schema, stager.profile, stager.mapping, optional)
        except IngestError:
            if raw.format == "xlsx":
                first = raw.xlsx_rows[0]
                line, sep = raw.xlsx_line_numbers[0], None
            else:
                line, first = 1, next(raw.candidates(","), (1, []))[1]
                sep = ","
            headers = clean_headers(first)
            head = Header(line, sep, first, headers, plan(headers, stager.schema, stager.profile, stager.mapping))
        if raw.format == "xlsx":
            start = raw.xlsx_line_numbers.index(head.line) + 1
            body = [(r + [None] * len(head.headers))[: len(head.headers)] for r in raw.xlsx_rows[start:start + rows]]
        else:
            import csv

            body = []
            for cells in csv.reader(raw.lines[head.line:], delimiter=head.separator):
                if cells and len(cells) == len(head.headers):
                    body.append(cells)
                if len(body) >= rows:
                    break
        sample = pd.DataFrame(body, columns=head.headers) if body else pd.DataFrame(columns=head.headers)
        missing = [f for f in stager.schema.required if f not in head.plan.mapped]
        return Preview(kind, head.headers, raw.encoding, readers.SEPARATOR_NAMES.get(head.separator),
                       head.line, raw.sheet, head.plan.suggestion(), missing, sample)


def undo_batch(batch_id: int, *, db=None, user: Viewer | str = "cli") -> dict:
    """Remove a batch's rows; USER is a Viewer (checked for undo) or a trusted system caller."""
    return load.undo(db, int(batch_id), user=acting_name(user, "undo"))


def list_batches(*, db=None) -> pd.DataFrame:
    return load.batches(db)


def rejects_frame(batch_id: int, *, db=None) -> pd.DataFrame:
    return load.rejects(db, int(batch_id))
