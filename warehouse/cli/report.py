"""`python -m warehouse report`: the quarterly risk report of a quarter as PDF or XLSX."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the quarterly risk report (PDF or XLSX) of a quarter",
        description="Write the quarterly risk report of QUARTER for the whole company or one "
                    "department head's scope; the report is also kept in the warehouse.",
    )
    parser.add_argument("--quarter", required=True, help="the quarter, e.g. 2026Q3")
    parser.add_argument("--scope-user", help="a department head: the report holds their scope only")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language (default en)")
    parser.add_argument("--format", choices=("pdf", "xlsx"), dest="fmt",
                        help="pdf or xlsx (default: from the --out suffix, else pdf)")
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--db", help="warehouse file (default: CXRISK_DB or data/cxrisk.duckdb)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.access.auth import UnknownUser, viewer_for
    from warehouse.access.permissions import PermissionDenied
    from warehouse.reports.build import ReportError, build_report
    from warehouse.reports.quarter import Quarter, QuarterError
    from warehouse.storage.db import WarehouseBusy

    out = Path(args.out)
    fmt = args.fmt or (out.suffix.lower().lstrip(".") if out.suffix.lower() in (".pdf", ".xlsx")
                       else "pdf")
    if args.fmt and out.suffix and out.suffix.lower() != f".{args.fmt}":
        print(f"--out {out} does not end in .{args.fmt}; name the file {out.stem}.{args.fmt}.")
        return 2
    if not out.parent.is_dir():
        print(f"The folder {out.parent} does not exist; create it or choose another --out.")
        return 2
    try:
        quarter = Quarter.parse(args.quarter)
        viewer = viewer_for(args.scope_user, args.db)
        report = build_report(quarter, viewer, args.lang, fmt, db=args.db, by="cli")
    except (QuarterError, ReportError, UnknownUser, PermissionDenied, WarehouseBusy) as exc:
        print(exc)
        return 1
    out.write_bytes(report.content)
    result = {"out": str(out), "quarter": report.quarter, "scope": viewer.name, "lang": report.lang,
              "format": report.fmt, "bytes": len(report.content), "has_data": report.has_data,
              "data_version": report.data_version, "report_id": report.report_id,
              "seconds": round(report.seconds, 2)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        note = "" if report.has_data else " (no data in this quarter and scope)"
        print(f"wrote {out} ({len(report.content):,} bytes, {report.seconds:.1f} s){note}")
    return 0
