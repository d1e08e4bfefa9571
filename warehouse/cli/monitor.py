"""`python -m warehouse monitor`: judge the rules on a schedule and after every load (Ctrl-C stops)."""

from __future__ import annotations

import argparse
import json
import sys

from warehouse.alerting import monitor
from warehouse.storage.db import WarehouseBusy


def _seconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of seconds: {text!r}") from None
    if not 5 <= value <= 86400:
        raise argparse.ArgumentTypeError("the interval must be between 5 and 86400 seconds")
    return value


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "monitor", help="judge the rules every interval and after every load or undo")
    parser.add_argument("--db", help="warehouse file (default: CXRISK_DB or data/cxrisk.duckdb)")
    parser.add_argument("--interval", type=_seconds,
                        help="seconds between cycles (default: the monitor_seconds setting, 60)")
    parser.add_argument("--once", action="store_true",
                        help="run one cycle and exit (for cron and tests)")
    parser.add_argument("--json", action="store_true", help="print each cycle as one JSON line")
    parser.set_defaults(run=run)


def _report(as_json: bool):
    def show(done: dict) -> None:
        if as_json:
            print(json.dumps(done, default=str), flush=True)
            return
        if "error" in done:
            print(f"{done['at']} cycle skipped: {done['error']}", file=sys.stderr, flush=True)
            return
        for error in done["errors"]:
            print(f"rule {error['rule']} could not be evaluated: {error['error']}",
                  file=sys.stderr, flush=True)
        if not done["rules_judged"]:
            return  # a quiet cycle: nothing new, nothing to say
        print(f"{done['at']} judged {done['rules_judged']} rules in {done['seconds']:.2f} s: "
              f"{done['opened']} opened, {done['escalated']} escalated, "
              f"{done['resolved']} resolved", flush=True)

    return show


def run(args) -> int:
    monitor.step_back()  # pages stay interactive while a cycle runs
    try:
        return monitor.run(args.db, interval=args.interval, once=args.once,
                           report=_report(args.json))
    except WarehouseBusy as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
