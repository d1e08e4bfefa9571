"""`python -m warehouse alerts`: evaluate the rules and list alerts (JSON for scripts)."""

from __future__ import annotations

import json
import sys

from warehouse.access.auth import viewer_for
from warehouse.alerting import alerts, evaluation
from warehouse.storage.db import WarehouseBusy


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("alerts", help="evaluate threshold rules and list alerts")
    parser.add_argument("--db", help="warehouse file (default: CXRISK_DB or data/cxrisk.duckdb)")
    parser.add_argument("--evaluate", action="store_true",
                        help="first run every enabled rule over history not yet evaluated")
    parser.add_argument("--all", action="store_true",
                        help="list alerts in every state (default: open ones only)")
    parser.add_argument("--user", help="answer as this user sees it (their scope applies)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.set_defaults(run=run)


def run(args) -> int:
    try:
        viewer = viewer_for(args.user, args.db)
        summary = evaluation.evaluate(args.db, user=viewer.name) if args.evaluate else None
        states = None if args.all else alerts.OPEN_STATES
        frame = alerts.list_alerts(viewer=viewer, db=args.db, states=states)
    except WarehouseBusy as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (LookupError, ValueError) as exc:
        print(f"alerts: {exc}", file=sys.stderr)
        return 1
    if summary is not None:
        for error in summary["errors"]:
            print(f"rule {error['rule']} could not be evaluated: {error['error']}", file=sys.stderr)
        if not args.json:
            print(f"evaluated {len(summary['rules'])} rules: {summary['opened']} opened, "
                  f"{summary['escalated']} escalated, {summary['resolved']} resolved")
    rows = alerts.as_json_rows(frame)
    if args.json:
        print(json.dumps({"alerts": rows}, ensure_ascii=False))
        return 0
    if not rows:
        print("No alerts." if args.all else "No open alerts.")
    for row in rows:
        limit = "" if row["limit"] is None else f" (limit {row['limit']:g})"
        value = "" if row["value"] is None else f"{row['value']:.4g}"
        print(f"#{row['id']:<5} {row['level']:<6} {row['state']:<12} {row['rule']} "
              f"[{row['scope']}] {value}{limit} opened {row['opened_at']} "
              f"response {row['response_level']} due {row['due_at']}")
    return 0
