"""Command line of the warehouse: `python -m warehouse COMMAND …` (see README)."""

from __future__ import annotations

import argparse
import importlib
import sys

import duckdb

from warehouse.storage.failures import one_line

# Each command lives in warehouse/cli/<module>.py with add_parser(subparsers) and run(args) -> int.
COMMANDS = ("kpis", "alerts", "monitor", "users", "admin", "text", "sql", "lake", "marts",
            "notify", "report")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"warehouse.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"warehouse.cli.{name}":
                raise
            continue
        module.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (OSError, duckdb.Error) as exc:
        message = one_line(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
