"""`python -m warehouse notify add|list|remove|test|outbox|retry|dispatch`: alert notification targets."""

from __future__ import annotations

import json
import sys

from warehouse.alerting.notify import dispatch, outbox, targets
from warehouse.alerting.notify.credentials import MissingSecret
from warehouse.alerting.notify.dispatcher import send_test
from warehouse.cli.users import _operator
from warehouse.storage.db import WarehouseBusy


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("notify", help="who is told about alerts, and how")
    sub = parser.add_subparsers(dest="notify_command", required=True)

    add = sub.add_parser("add", help="add a notification target (route)")
    add.add_argument("name")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--email", metavar="ADDR", help="send e-mail (server: CXRISK_SMTP_*)")
    where.add_argument("--webhook", metavar="URL", help="POST JSON to this http(s) address")
    where.add_argument("--url", metavar="APPRISE_URL",
                       help="any Apprise URL (wecombot://, dingtalk://, feishu://, slack://, "
                            "msteams:// …); write secrets as ${NAME}")
    add.add_argument("--min-level", choices=targets.LEVELS, default="yellow")
    add.add_argument("--region", action="append", default=[], help="only alerts of this region")
    add.add_argument("--channel", action="append", default=[], help="only alerts of this channel")
    add.add_argument("--rule", action="append", default=[], help="only alerts of this rule id")
    add.add_argument("--user", help="bind the route to an account: it never receives alerts "
                                    "outside that account's scope")
    add.add_argument("--lang", choices=targets.LANGS, default="en")
    add.add_argument("--no-digest", action="store_true", help="leave out of the daily digest")
    add.add_argument("--quarterly-report", action="store_true",
                     help="mail it the quarterly risk report (PDF) on its schedule")
    add.add_argument("--db")

    lst = sub.add_parser("list", help="list targets (secrets masked)")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--db")

    rm = sub.add_parser("remove", help="remove a target (queued messages to it are cancelled)")
    rm.add_argument("name")
    rm.add_argument("--db")

    test = sub.add_parser("test", help="send a test message to a target now")
    test.add_argument("name")
    test.add_argument("--db")

    box = sub.add_parser("outbox", help="queued and sent messages, newest first")
    box.add_argument("--status", action="append", default=[], choices=outbox.STATUSES)
    box.add_argument("--limit", type=int, default=50)
    box.add_argument("--json", action="store_true")
    box.add_argument("--db")

    retry = sub.add_parser("retry", help="send failed messages again")
    retry.add_argument("--id", type=int, help="only this outbox row")
    retry.add_argument("--db")

    run_once = sub.add_parser("dispatch", help="queue and send what is due now (the monitor "
                                               "does this every cycle)")
    run_once.add_argument("--db")
    parser.set_defaults(run=run)


def _print_target(target: targets.Target) -> None:
    filters = [f"{k}={','.join(v)}" for k, v in (("region", target.regions),
                                                  ("channel", target.channels),
                                                  ("rule", target.rules)) if v]
    if target.user_name:
        filters.append(f"user={target.user_name}")
    print(f"{target.name:<20} {target.kind:<8} {target.shown_address}  "
          f"level>={target.min_level} lang={target.lang} "
          f"{' '.join(filters) or 'all alerts'}")


def run(args) -> int:
    try:
        return _run(args)
    except WarehouseBusy as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (targets.TargetError, MissingSecret, ValueError, LookupError) as exc:
        print(f"notify: {exc}", file=sys.stderr)
        return 1


def _run(args) -> int:
    command = args.notify_command
    if command == "add":
        target = targets.build(args.name, email=args.email, webhook=args.webhook, url=args.url,
                               min_level=args.min_level, regions=args.region,
                               channels=args.channel, rules=args.rule, user=args.user,
                               lang=args.lang, digest=not args.no_digest,
                               quarterly_report=args.quarterly_report)
        stored = targets.add_target(target, user=_operator(), db=args.db)
        print(f"Added target {stored.name}.")
        _print_target(stored)
        return 0
    if command == "list":
        found = targets.list_targets(args.db)
        if args.json:
            print(json.dumps({"targets": [t.as_dict() for t in found]}, ensure_ascii=False))
        elif not found:
            print("No notification targets; add one with `notify add NAME --webhook URL`.")
        for target in [] if args.json else found:
            _print_target(target)
        return 0
    if command == "remove":
        targets.remove_target(args.name, user=_operator(), db=args.db)
        print(f"Removed target {args.name}.")
        return 0
    if command == "test":
        error = send_test(args.name, user=_operator(), db=args.db)
        if error:
            print(f"notify: the test to {args.name} failed: {error}", file=sys.stderr)
            return 1
        print(f"Sent a test message to {args.name}.")
        return 0
    if command == "outbox":
        frame = outbox.outbox(viewer=_operator(), db=args.db, statuses=args.status,
                              limit=args.limit)
        if args.json:
            print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
            return 0
        if frame.empty:
            print("The outbox is empty.")
        for row in frame.itertuples():
            error = f"  error: {row.last_error}" if row.last_error else ""
            print(f"#{row.outbox_id:<5} {row.status:<9} {row.target_name:<16} {row.kind:<9} "
                  f"tries {row.attempts}  {row.title}{error}")
        return 0
    if command == "retry":
        count = outbox.retry_failed(db=args.db, outbox_id=args.id)
        print(f"{count} message(s) queued again.")
        return 0
    summary = dispatch(args.db)
    print(f"queued {summary['queued']}, sent {summary['sent']}, retrying "
          f"{summary['retrying']}, failed {summary['failed']}")
    return 0
