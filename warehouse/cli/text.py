"""`python -m warehouse text`: complaint keywords, category tags and keyword surges."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from warehouse.cli.filter_args import add_filter_arguments, dates_out_of_order
from warehouse.storage.db import WarehouseBusy

WHAT = ("keywords", "tags", "surges", "category-surges")


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time: {text!r} (use YYYY-MM-DDTHH:MM)") from None


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return value


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "text",
        help="complaint text: keywords, category tags or keyword surges for a filter request",
        description="Analyse complaint descriptions inside the filters (and the user's scope).",
    )
    parser.add_argument("what", choices=WHAT, help="what to print")
    add_filter_arguments(parser, ("channel", "region", "touchpoint", "category", "severity"))
    parser.add_argument("--top", type=int, default=30, help="keywords: how many (default 30)")
    parser.add_argument("--window-hours", type=_positive, default=48.0,
                        help="surges: length of the current and the baseline window (default 48)")
    parser.add_argument("--baseline-windows", type=int, default=7,
                        help="surges: how many windows before the current one form the baseline (default 7)")
    parser.add_argument("--as-of", type=_moment,
                        help="surges: end of the current window (default: --end, else the latest complaint)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.access.auth import UnknownUser, viewer_for
    from warehouse.access.scope import Filters
    from warehouse.text import category_surges, category_tags, complaint_keywords, keyword_surges

    if dates_out_of_order(args):
        return 2
    filters = Filters(
        start=args.start, end=args.end, channel=args.channel, region=args.region,
        touchpoint=args.touchpoint, category=args.category, severity=args.severity,
    )
    try:
        viewer = viewer_for(args.user, args.db)
        if args.what == "keywords":
            frame = complaint_keywords(filters=filters, viewer=viewer, db=args.db, top=max(args.top, 1))
        elif args.what == "tags":
            frame = category_tags(filters=filters, viewer=viewer, db=args.db)
        else:
            surges = keyword_surges if args.what == "surges" else category_surges
            frame = surges(filters=filters, viewer=viewer, db=args.db,
                           window_hours=args.window_hours, as_of=args.as_of,
                           baseline_windows=max(args.baseline_windows, 1))
    except (UnknownUser, WarehouseBusy) as exc:
        print(exc)
        return 1
    records = json.loads(frame.to_json(orient="records", force_ascii=False, double_precision=15))
    if args.json:
        info = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in frame.attrs.items()}
        print(json.dumps({args.what.replace("-", "_"): records, **info}, ensure_ascii=False, default=str))
    elif not records:
        texts = frame.attrs.get("texts", frame.attrs.get("current_texts", 0))
        print("No surges." if args.what.endswith("surges") and texts else "No complaint text inside these filters.")
    else:
        print(frame.to_string(index=False))
    return 0
