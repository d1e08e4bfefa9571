"""`python -m warehouse marts build`: the tables the pages read, built from a lake on DuckDB or
Spark, for the app to serve from (CXRISK_MARTS=DIR)."""

from __future__ import annotations

import argparse

from warehouse.engines.lake import ENGINES


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "marts",
        help="build the marts the app can serve from (CXRISK_MARTS=DIR)",
        description="Build the marts from a lake (python -m warehouse lake export) on an engine.",
    )
    sub = parser.add_subparsers(dest="marts_command", required=True)
    build = sub.add_parser("build", help="build the marts into DIR (replaced whole)")
    build.add_argument("--engine", choices=ENGINES, default="duckdb", help="default: duckdb")
    build.add_argument("--lake", required=True, metavar="DIR", help="the lake folder")
    build.add_argument("--out", required=True, metavar="DIR", help="the marts folder")
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.engines.marts import build
    from warehouse.lake.layout import LakeError

    try:
        manifest = build(args.lake, args.out, engine=args.engine)
    except LakeError as exc:
        print(exc)
        return 1
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(
        f"Marts {args.out}: {rows:,} rows in {len(manifest['tables'])} tables, built on "
        f"{args.engine} from lake data version {manifest['lake_data_version']}. "
        f"Serve them with CXRISK_MARTS={args.out}."
    )
    return 0
