"""`python -m warehouse init-admin`: create the first admin account when there is none."""

from __future__ import annotations

import sys

from warehouse.access import auth
from warehouse.storage.db import WarehouseBusy


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "init-admin",
        help="create the `admin` account if no admin exists (password from "
        "CXRISK_ADMIN_PASSWORD, or generated and printed once)",
    )
    parser.add_argument("--db")
    parser.set_defaults(run=run)


def run(args) -> int:
    try:
        generated = auth.ensure_first_admin(db=args.db)
    except (auth.AccountError, WarehouseBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if generated:
        # Shown once and never stored in clear; the admin changes it on the Users page.
        print("Created the first admin account.")
        print(f"  user:     {auth.FIRST_ADMIN}")
        print(f"  password: {generated}")
        print("Write it down now: it is not shown again.")
    return 0
