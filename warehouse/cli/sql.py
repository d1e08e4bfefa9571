"""`python -m warehouse sql render NAME [--param k=v …]`: a model as DuckDB runs it."""

from __future__ import annotations

import sys

from warehouse.storage import sqlfiles


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("sql", help="show the SQL models as they run")
    verbs = parser.add_subparsers(dest="verb", required=True)
    render = verbs.add_parser(
        "render", help="print a model of warehouse/sql/ with its includes pasted and its "
        "-- @when blocks kept or dropped (an unnamed condition counts as unset)")
    render.add_argument("name", help="path below warehouse/sql/, e.g. metrics/rating_series.sql")
    render.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a condition or parameter: true/false, or a comma-separated list")
    render.set_defaults(run=run)


def _value(text: str):
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0", ""):
        return False
    return [part.strip() for part in text.split(",") if part.strip()]


def run(args) -> int:
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            print(f"error: --param takes NAME=VALUE, not {item!r}", file=sys.stderr)
            return 2
        params[name.strip()] = _value(value)
    try:
        text = sqlfiles.load(args.name)
    except (OSError, ValueError) as exc:
        print(f"error: no model {args.name!r} below {sqlfiles.SQL_DIR}: {exc}", file=sys.stderr)
        return 1
    conditions = sqlfiles.conditions(text)
    unset = [name for name in conditions if name not in params]
    rendered = sqlfiles.render(text, {**{name: False for name in unset}, **params})
    if conditions:
        print(f"-- conditions: {', '.join(f'{n}={bool(params.get(n))}' for n in conditions)}")
    print(rendered.rstrip())
    used = sorted(sqlfiles.params_used(rendered))
    print(f"-- bound parameters: {', '.join('$' + n for n in used) or 'none'}")
    return 0
