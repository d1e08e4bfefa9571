"""`python -m warehouse lake export`: the warehouse's tables as a Parquet lake (see
warehouse/docs/scaleout.md)."""

from __future__ import annotations

import argparse

from warehouse.storage.db import WarehouseBusy


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "lake",
        help="export the warehouse as Parquet for Spark and other engines",
        description="Write every table the models read as hive-partitioned Parquet with a manifest.",
    )
    sub = parser.add_subparsers(dest="lake_command", required=True)
    export = sub.add_parser(
        "export",
        help="export (again): only the partitions that changed are rewritten",
        description="Export the warehouse to DIR; a second export rewrites only changed partitions.",
    )
    export.add_argument("--out", required=True, metavar="DIR", help="the lake folder")
    export.add_argument("--db", help="warehouse file (default: CXRISK_DB or data/cxrisk.duckdb)")
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.lake.export import export
    from warehouse.lake.layout import LakeError

    try:
        result = export(args.out, db=args.db)
    except (LakeError, WarehouseBusy) as exc:
        print(exc)
        return 1
    written = sum(len(v) for v in result["written"].values())
    removed = sum(len(v) for v in result["removed"].values())
    rows = sum(t["rows"] for t in result["tables"].values())
    print(
        f"Lake {args.out}: data version {result['data_version']} (schema {result['schema_version']}), "
        f"{rows:,} rows in {len(result['tables'])} tables; "
        f"{written} partitions written, {removed} removed."
    )
    return 0
