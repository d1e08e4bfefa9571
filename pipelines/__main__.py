"""Command line of the loader: `python -m pipelines ingest|batches|undo|profiles|demo …`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from pipelines import KINDS
from pipelines.errors import IngestError

LARGE_FILE_BYTES = 5 << 20


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with the usage line (argparse's own behaviour, kept explicit)."""


def _progress_printer(stream):
    last = {"step": None}

    def show(fraction: float, message: str) -> None:
        if message != last["step"]:
            last["step"] = message
            print(f"[{fraction * 100:3.0f}%] {message}", file=stream, flush=True)

    return show


def _ingest(args) -> int:
    import os

    from pipelines.ingest import ingest_file
    from pipelines.mapping import parse_map_option

    dayfirst = True if args.dayfirst else False if args.monthfirst else None
    # Progress lines only where they help: large files, or a person watching a terminal.
    large = os.path.isfile(args.file) and os.path.getsize(args.file) > LARGE_FILE_BYTES
    show = _progress_printer(sys.stderr) if large or sys.stderr.isatty() else None
    result = ingest_file(
        args.kind, args.file, db=args.db, profile=args.profile, mapping=parse_map_option(args.map),
        sheet=args.sheet, as_of=args.as_of, dayfirst=dayfirst, user=args.user,
        progress=show, row_id=args.row_id, allow_duplicates=args.allow_duplicates,
        on_wait=lambda message: print(message, file=sys.stderr, flush=True),
    )
    data = result.as_dict()
    for warning in data["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.no_evaluate:
        data["alerts_opened"] = _evaluate_alerts(args.db, args.user)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(f"batch {data['batch_id']} ({data['kind']}, {data['file_name']}): read {data['rows_read']}, "
              f"loaded {data['rows_loaded']}, updated {data['rows_updated']}, "
              f"duplicate {data['rows_duplicate']}, rejected {data['rows_rejected']}"
              + (f", repeated in the file {data['rows_duplicate_in_file']}" if data["rows_duplicate_in_file"] else ""))
        if data["rejects_path"]:
            print(f"rejected rows with reasons: {data['rejects_path']}")
    return 0


def _evaluate_alerts(db, user: str) -> int | None:
    """Run the alert rules over the new data; the number of alerts opened, None if that failed."""
    from warehouse.alerting.evaluation import evaluate

    try:
        summary = evaluate(db=db, user=user)
    except Exception as exc:  # noqa: BLE001 - the load is committed; only the evaluation failed
        print(f"warning: the data is loaded but the alert rules could not run ({type(exc).__name__}: "
              f"{exc}); run `python -m warehouse alerts --evaluate` to try again.", file=sys.stderr)
        return None
    for failure in summary["errors"]:
        print(f"warning: rule {failure['rule']} failed: {failure['error']}", file=sys.stderr)
    print(f"alerts: {summary['opened']} opened, {summary['escalated']} escalated, "
          f"{summary['resolved']} resolved", file=sys.stderr)
    return int(summary["opened"])


def _batches(args) -> int:
    from pipelines.ingest import list_batches

    frame = list_batches(db=args.db)
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    elif frame.empty:
        print("no batches yet")
    else:
        cols = ["batch_id", "kind", "file_name", "status", "user_name", "started_at", "rows_read",
                "rows_loaded", "rows_updated", "rows_duplicate", "rows_rejected"]
        print(frame[cols].to_string(index=False))
    return 0


def _undo(args) -> int:
    from pipelines.ingest import undo_batch

    summary = undo_batch(args.batch_id, db=args.db, user=args.user)
    print(json.dumps(summary, ensure_ascii=False) if args.json else
          f"batch {summary['batch_id']} undone: {summary['rows_removed']} rows removed, "
          f"{summary['rows_restored']} rows restored")
    return 0


def _profiles(args) -> int:
    from pipelines.profiles import list_profiles

    found = list_profiles(args.db)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, default=str))
    else:
        for spec in found:
            print(f"{spec['name']:<12} {spec['kind']:<11} {spec.get('description', '')}")
    return 0


def _demo(args) -> int:
    from pipelines.demo import generate_demo

    summary = generate_demo(db=args.db, seed=args.seed, end=args.end, if_empty=args.if_empty)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, default=str))
        return 0
    if summary.get("status") != "loaded":
        print(summary.get("message") or "The warehouse already holds data; nothing was loaded.")
        return 0
    counts = ", ".join(f"{n:,} {table}" for table, n in summary.get("counts", {}).items())
    print(f"Demo year {summary['start']} … {summary['end']} loaded into {summary['db']}: {counts}.")
    for incident in summary.get("incidents", []):
        print(f"  incident  {incident['start']} … {incident['end']}  {incident['title']}"
              f" ({incident['where']})")
    alerts = summary.get("alerts") or {}
    if alerts:
        print(f"Alerts evaluated: {alerts.get('opened', 0)} opened, "
              f"{alerts.get('resolved', 0)} resolved since.")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m pipelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="load one CSV/XLSX export")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("file")
    p.add_argument("--db", help="warehouse file (default CXRISK_DB or data/cxrisk.duckdb)")
    p.add_argument("--profile", help="mapping profile name (see `profiles`)")
    p.add_argument("--map", action="append", metavar="SRC=FIELD", help="map a source header to a field")
    p.add_argument("--sheet", help="XLSX sheet name (default: the first)")
    p.add_argument("--as-of", type=_iso_date, help="date for surveys without a date column")
    order = p.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="read 07/03/2025 as 7 March")
    order.add_argument("--monthfirst", action="store_true", help="read 07/03/2025 as July 3")
    p.add_argument("--row-id", choices=("hash",), default=None,
                   help="for files without an id column: build each row's id from its content")
    p.add_argument("--allow-duplicates", action="store_true",
                   help="load although more than 5%% of the rows repeat an id (the first of each is kept)")
    p.add_argument("--user", default="cli")
    p.add_argument("--json", action="store_true", help="last stdout line: the result as JSON")
    p.add_argument("--no-evaluate", action="store_true",
                   help="skip the alert evaluation that follows a successful load")
    p.set_defaults(run=_ingest)

    p = sub.add_parser("batches", help="list loads (lineage)")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_batches)

    p = sub.add_parser("undo", help="undo a batch")
    p.add_argument("batch_id", type=int)
    p.add_argument("--db")
    p.add_argument("--user", default="cli")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_undo)

    p = sub.add_parser("profiles", help="list mapping profiles")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_profiles)

    p = sub.add_parser("demo", help="generate the demo year into the warehouse")
    p.add_argument("--db")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--end", type=_iso_date, default=None)
    p.add_argument("--if-empty", action="store_true", help="only when the warehouse has no data yet")
    p.add_argument("--json", action="store_true", help="print the whole summary as one JSON line")
    p.set_defaults(run=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except IngestError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was changed by the unfinished load", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a refusal is never a traceback; the cause still shows
        from warehouse.storage.db import WarehouseBusy

        if isinstance(exc, WarehouseBusy):
            print(f"error: {exc}", file=sys.stderr)
            return 1
        from warehouse.storage.failures import one_line

        reading = args.command in ("batches", "profiles")
        message = one_line(exc, "the read" if reading else "the load")
        if message is None:
            what = "could not read the warehouse" if reading else "the load failed and nothing was changed"
            message = f"{what} ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
