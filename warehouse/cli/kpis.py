"""`python -m warehouse kpis`: current KPI values for a filter request (optionally as a user)."""

from __future__ import annotations

import argparse
import json

from warehouse.cli.filter_args import add_filter_arguments, dates_out_of_order
from warehouse.storage.db import WarehouseBusy


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "kpis",
        help="print KPI values (NPS, CSAT, complaints, SLA, CSI …) for a filter request",
        description="Print the current KPI values; a metric without data is null.",
    )
    add_filter_arguments(parser, ("channel", "region", "touchpoint", "segment", "category", "severity"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--engine", choices=("duckdb", "spark"), default=None,
                        help="run the models on this engine over --lake (default duckdb)")
    parser.add_argument("--lake", metavar="DIR",
                        help="read a Parquet lake (python -m warehouse lake export) instead of --db")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.access.auth import UnknownUser
    from warehouse.api import kpis
    from warehouse.lake.layout import LakeError

    if dates_out_of_order(args):
        return 2
    if args.engine == "spark" and not args.lake:
        print("--engine spark reads a lake: add --lake DIR (python -m warehouse lake export --out DIR).")
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
            lake=args.lake,
            engine=args.engine,
        )
    except (UnknownUser, LakeError) as exc:
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
