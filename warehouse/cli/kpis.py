"""`python -m warehouse kpis`: current KPI values for a filter request (optionally as a user)."""

from __future__ import annotations

import argparse
import json
from datetime import date

from warehouse.db import WarehouseBusy


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "kpis",
        help="print KPI values (NPS, CSAT, complaints, SLA, CSI …) for a filter request",
        description="Print the current KPI values; a metric without data is null.",
    )
    parser.add_argument("--db", help="warehouse file (default: CXRISK_DB or data/cxrisk.duckdb)")
    parser.add_argument("--start", type=_day, help="first day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--end", type=_day, help="last day, YYYY-MM-DD (inclusive)")
    for name in ("channel", "region", "touchpoint", "segment", "category", "severity"):
        parser.add_argument(f"--{name}", nargs="+", action="extend", default=[], metavar="X",
                            help=f"only these {name} values (any of them, case-insensitive)")
    parser.add_argument("--user", help="answer as this user sees it (their scope applies)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.api import kpis
    from warehouse.auth import UnknownUser

    if args.start and args.end and args.start > args.end:
        print(f"--start {args.start} is after --end {args.end}; swap them.")
        return 2
    try:
        values = kpis(
            args.db,
            start=args.start,
            end=args.end,
            channel=args.channel,
            region=args.region,
            touchpoint=args.touchpoint,
            segment=args.segment,
            category=args.category,
            severity=args.severity,
            user=args.user,
        )
    except UnknownUser as exc:
        print(exc)
        return 1
    except WarehouseBusy as exc:
        print(exc)
        return 1
    if args.json:
        print(json.dumps(values, ensure_ascii=False, default=str))
    else:
        for key, value in values.items():
            shown = "—" if value is None else (f"{value:,.2f}" if isinstance(value, float) else value)
            print(f"{key:<26} {shown}")
    return 0
