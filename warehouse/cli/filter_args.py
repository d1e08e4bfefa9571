"""The filter request options that the reporting commands share: --db, dates, dimensions, --user."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from datetime import date


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def add_filter_arguments(parser: argparse.ArgumentParser, dimensions: Iterable[str]) -> None:
    """--db, --start/--end (inclusive days), one --NAME list per dimension, and --user."""
    parser.add_argument("--db", help="warehouse file (default: CXRISK_DB or data/cxrisk.duckdb)")
    parser.add_argument("--start", type=day, help="first day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--end", type=day, help="last day, YYYY-MM-DD (inclusive)")
    for name in dimensions:
        parser.add_argument(f"--{name}", nargs="+", action="extend", default=[], metavar="X",
                            help=f"only these {name} values (any of them, case-insensitive)")
    parser.add_argument("--user", help="answer as this user sees it (their scope applies)")


def dates_out_of_order(args: argparse.Namespace) -> bool:
    """True, after saying what to do, when --start is after --end."""
    if args.start and args.end and args.start > args.end:
        print(f"--start {args.start} is after --end {args.end}; swap them.")
        return True
    return False
