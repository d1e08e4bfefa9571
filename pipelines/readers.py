"""Open a CSV or XLSX export: encoding, separator, header line and the rows, for the stager."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.errors import IngestError
from warehouse.storage.locking import pid_alive

SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
HEAD_BYTES = 1 << 20
HEADER_SEARCH_LINES = 50
csv.field_size_limit(1 << 30)


@dataclass
class RawFile:
    """What sniffing found before any header mapping: the candidate lines to look for a header in."""

    path: Path
    format: str  # csv | xlsx
    encoding: str | None = None
    # CSV: the first physical lines (decoded); XLSX: the sheet's rows as text cells.
    lines: list[str] = field(default_factory=list)
    xlsx_rows: list[list[str | None]] | None = None
    xlsx_line_numbers: list[int] | None = None
    sheet: str | None = None

    def candidates(self, sep: str) -> Iterator[tuple[int, list[str]]]:
        """(1-based line number, cells) of the lines that may be the header."""
        if self.format == "xlsx":
            for i, row in enumerate(self.xlsx_rows[:HEADER_SEARCH_LINES]):
                yield self.xlsx_line_numbers[i], ["" if c is None else str(c) for c in row]
            return
        for i, line in enumerate(self.lines[:HEADER_SEARCH_LINES]):
            if line.strip():
                yield i + 1, next(csv.reader([line], delimiter=sep), [])


def is_binary(head: bytes) -> bool:
    if not head:
        return False
    # a stray NUL in text is stripped by the loader (with a note); many of them mean binary
    if head[:8192].count(b"\x00") > len(head[:8192]) * 0.1:
        return True
    controls = sum(1 for b in head[:8192] if b < 32 and b not in (0, 9, 10, 13, 12))
    return controls > len(head[:8192]) * 0.01


def detect_encoding(head: bytes, complete: bool) -> str:
    """utf-8 / utf-8-sig / gb18030 (a superset of GBK) / what charset-normalizer finds."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
            return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise IngestError("Could not tell the file's text encoding; save it as UTF-8 CSV and upload again.")
    return best.encoding


def sniff(path: Path, sheet: str | None = None, *, max_rows: int | None = None,
          max_bytes: int | None = None, max_columns: int | None = None) -> RawFile:
    """Refuse unreadable files early; otherwise return the lines to search for a header.

    MAX_ROWS and MAX_BYTES bound the work any upload can cause (an XLSX counted unpacked).
    """
    if not path.exists():
        raise IngestError(f"File not found: {path}")
    if path.is_dir():
        raise IngestError(f"{path} is a folder; give the path of a CSV or XLSX file.")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        complete = len(head) < HEAD_BYTES
    if not head.strip():
        raise IngestError(f"{path.name} is empty; export the data again and upload the file with its rows.")
    if head.startswith(b"PK\x03\x04"):
        return _sniff_xlsx(path, sheet, max_rows=max_rows, max_bytes=max_bytes, max_columns=max_columns)
    if max_bytes and path.stat().st_size > max_bytes:
        raise IngestError(f"{path.name} is {path.stat().st_size / 2**20:,.0f} MB; a load reads at most "
                          f"{max_bytes / 2**20:,.0f} MB (setting CXRISK_MAX_UNCOMPRESSED_MB). Split the file.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(f"{path.name} is an old-style .xls workbook; save it as .xlsx or CSV and upload again.")
    if sheet:
        raise IngestError("--sheet applies to XLSX workbooks only; this file is text (CSV).")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and is_binary(head):
        raise IngestError(f"{path.name} is not a text or XLSX file (it looks binary); export it as CSV or XLSX.")
    encoding = detect_encoding(head, complete)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)
    lines = text.splitlines()[: HEADER_SEARCH_LINES + 1]
    if not complete and len(lines) <= 1:
        raise IngestError(f"{path.name}: the first line is longer than {HEAD_BYTES >> 20} MB, so it is no "
                          "header a person wrote; export the file again with its header row.")
    return RawFile(path=path, format="csv", encoding=encoding, lines=lines)


def _cell_text(value) -> str | None:
    """Cells become text as a person would type them; the stager converts types."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _sniff_xlsx(path: Path, sheet: str | None, *, max_rows: int | None = None,
                max_bytes: int | None = None, max_columns: int | None = None) -> RawFile:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(f"{path.name} is not a readable XLSX workbook ({exc}); save it again as .xlsx or CSV.") from None
    if max_bytes and unpacked > max_bytes:
        raise IngestError(f"{path.name} unpacks to {unpacked / 2**20:,.0f} MB; a load reads at most "
                          f"{max_bytes / 2**20:,.0f} MB (setting CXRISK_MAX_UNCOMPRESSED_MB). Split the workbook.")
    try:
        # read-only mode streams the sheet row by row instead of building it in memory
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise IngestError(f"{path.name} is not a readable XLSX workbook ({exc}); save it again as .xlsx or CSV.") from None
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise IngestError(f"No sheet named {sheet!r} in {path.name}; sheets: {', '.join(book.sheetnames)}.")
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        if max_columns and (ws.max_column or 0) > max_columns:
            raise IngestError(f"{path.name} (sheet {ws.title!r}) has {ws.max_column:,} columns; a load takes at "
                              f"most {max_columns:,} (setting CXRISK_MAX_COLUMNS). Keep only the columns you need.")
        rows, numbers = [], []
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if max_rows and len(rows) > max_rows:
                raise IngestError(f"{path.name} (sheet {ws.title!r}) has more than {max_rows:,} rows; a load "
                                  "takes at most that many (setting CXRISK_MAX_ROWS). Split the workbook.")
            cells = [_cell_text(v) for v in row]
            if any(c is not None and str(c).strip() for c in cells):
                rows.append(cells)
                numbers.append(number)
        name = ws.title
    finally:
        book.close()
    if not rows:
        raise IngestError(f"{path.name} (sheet {name!r}) is empty; pick the sheet with the data using --sheet.")
    return RawFile(path=path, format="xlsx", xlsx_rows=rows, xlsx_line_numbers=numbers, sheet=name)


def utf8_copy(raw: RawFile, workdir: Path, encoding: str | None = None) -> Path:
    """A UTF-8 file DuckDB can read: the original when it already is UTF-8, else a transcoded copy."""
    encoding = encoding or raw.encoding
    if encoding in ("utf-8", "utf-8-sig", "ascii"):
        return raw.path
    target = workdir / "source.utf8.csv"
    try:
        with raw.path.open("r", encoding=encoding, newline="") as src, target.open(
            "w", encoding="utf-8", newline=""
        ) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{raw.path.name} is not valid {encoding} text at byte {exc.start}; save it as UTF-8 and upload again."
        ) from None
    return target


def record_lines(path: Path, sep: str, skip: int, width: int) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of every non-blank record after the first `skip` lines.

    Mirrors the DuckDB read: blank lines are skipped, quoted fields may span lines.
    """
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        for _ in range(skip):
            fh.readline()
        reader = csv.reader(fh, delimiter=sep)
        previous = 0
        for cells in reader:
            start = skip + previous + 1
            previous = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip() and width > 1):
                continue
            yield start, cells


@dataclass
class LineStats:
    """What one byte pass over a text file finds: physical lines and the bytes a reader trips on."""

    lines: int  # physical lines (a last line without a newline counts)
    lone_cr: int  # carriage returns not followed by a newline (old Mac line endings)
    crlf: int
    nul: int  # NUL bytes
    first_nul_line: int | None = None


def line_stats(path: Path) -> LineStats:
    """Count lines, line-ending styles and NUL bytes in one pass of large reads (no decoding)."""
    lines = lone_cr = crlf = nul = 0
    first_nul = None
    last = b""
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            joined = last + chunk
            crlf += joined.count(b"\r\n") - last.count(b"\r\n")
            lone_cr += chunk.count(b"\r")
            if b"\x00" in chunk:
                if first_nul is None:
                    first_nul = lines + chunk[: chunk.index(b"\x00")].count(b"\n") + 1
                nul += chunk.count(b"\x00")
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    lone_cr -= crlf
    if last and last not in (b"\n",):
        lines += 1
    return LineStats(lines, lone_cr, crlf, nul, first_nul)


def without_nul(path: Path, workdir: Path) -> Path:
    """A copy of the file with its NUL bytes removed (they are never part of a value)."""
    target = workdir / "source.nonul.csv"
    with path.open("rb") as src, target.open("wb") as dst:
        for chunk in iter(lambda: src.read(1 << 22), b""):
            dst.write(chunk.replace(b"\x00", b""))
    return target


def check_structure(path: Path, sep: str, skip: int, width: int) -> int:
    """Every physical line after the header belongs to one record; returns the non-blank records.

    Refuses the file when a quote breaks its structure: a quote never closed (every later line
    would silently become part of one value) or a quoted value running over lines into a row
    with the wrong number of fields.
    """
    buffer: list[str] = []

    def feed(fh):
        for line in fh:
            buffer.append(line)
            yield line

    records = 0
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        for _ in range(skip):
            fh.readline()
        reader = csv.reader(feed(fh), delimiter=sep)
        previous = 0
        for cells in reader:
            start, end = skip + previous + 1, skip + reader.line_num
            previous = reader.line_num
            text = "".join(buffer)
            buffer.clear()
            if not cells or (len(cells) == 1 and not cells[0].strip() and width > 1):
                continue
            records += 1
            if end > start and text.count('"') % 2:
                raise IngestError(
                    f"Line {start} opens a quoted value (\") that is never closed, so lines {start}–{end} "
                    "(the rest of the file) cannot be split into rows; close or remove that quote and "
                    "load again.")
            if end > start and len(cells) != width:
                raise IngestError(
                    f"Lines {start}–{end} run together into one row of {len(cells)} fields (the header has "
                    f"{width}) because of a quote (\") on line {start}; close or remove that quote and "
                    "load again.")
    return records


def workdir(base: Path | None = None) -> tempfile.TemporaryDirectory:
    """A private folder for a load's copies: next to the warehouse (BASE) when given, so customer
    data never lands in a shared temp folder; owner-only, removed after the load."""
    return tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-",
                                       dir=private_dir(base) if base is not None else None)


def private_dir(path: Path) -> Path:
    """PATH as a folder only its owner can enter (created when missing)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


STAGING_PREFIX = "cxrisk-ingest-"


def remove_stale(base: Path) -> int:
    """Remove the staging folders of loads whose process is gone (a killed load); returns how many."""
    removed = 0
    if not base.is_dir():
        return 0
    for entry in base.glob(f"{STAGING_PREFIX}*"):
        pid = entry.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


__all__ = [
    "SEPARATORS",
    "SEPARATOR_NAMES",
    "LineStats",
    "RawFile",
    "check_structure",
    "detect_encoding",
    "line_stats",
    "private_dir",
    "record_lines",
    "remove_stale",
    "sniff",
    "utf8_copy",
    "without_nul",
    "workdir",
]
