"""`python -m warehouse users add|list|remove|scope|password`: manage local accounts."""

from __future__ import annotations

import getpass
import json
import os
import sys

from warehouse.access import auth
from warehouse.access.scope import ROLES, Viewer
from warehouse.storage.db import WarehouseBusy


def _operator() -> Viewer:
    """Whoever runs the command on the server is trusted as an admin; the audit names them."""
    try:
        who = getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        who = "unknown"
    return Viewer(f"cli-{who}"[:64], "admin")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("users", help="add, list or remove sign-in accounts")
    sub = parser.add_subparsers(dest="users_command", required=True)

    add = sub.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--channel", action="append", default=[], help="dept_head scope (repeatable)")
    add.add_argument("--region", action="append", default=[], help="dept_head scope (repeatable)")
    add.add_argument("--password-env", required=True, metavar="VAR",
                     help="name of the environment variable holding the password")
    add.add_argument("--db")

    lst = sub.add_parser("list", help="list accounts")
    lst.add_argument("--db")
    lst.add_argument("--json", action="store_true")

    rm = sub.add_parser("remove", help="delete an account (its audit history stays)")
    rm.add_argument("name")
    rm.add_argument("--db")

    scope = sub.add_parser("scope", help="change a user's role and scope")
    scope.add_argument("name")
    scope.add_argument("--role", choices=ROLES, help="new role (default: keep)")
    scope.add_argument("--channel", action="append", default=[])
    scope.add_argument("--region", action="append", default=[])
    scope.add_argument("--db")

    pw = sub.add_parser("password", help="set a new password (also lifts a lock-out)")
    pw.add_argument("name")
    pw.add_argument("--password-env", required=True, metavar="VAR")
    pw.add_argument("--db")

    parser.set_defaults(run=run)


def _password_from(var: str) -> str:
    value = os.environ.get(var)
    if not value:
        raise auth.AccountError(
            f"The environment variable {var} is not set; put the password in it "
            f"(e.g. `read -s {var}; export {var}`) and run the command again."
        )
    return value


def _list(args) -> int:
    found = auth.list_users(viewer=_operator(), db=args.db)
    if args.json:
        print(json.dumps({"users": found}, default=str, ensure_ascii=False))
        return 0
    if not found:
        print("No users yet; `python -m warehouse init-admin` creates the first admin.")
    for user in found:
        scope = ", ".join(
            [f"channel={c}" for c in user["channels"]] + [f"region={r}" for r in user["regions"]]
        )
        flags = " (disabled)" if user["disabled"] else ""
        if user["locked_until"]:
            flags += f" (locked until {user['locked_until']:%Y-%m-%d %H:%M} UTC)"
        print(f"{user['name']:<24} {user['role']:<10} {scope or '-'}{flags}")
    return 0


def run(args) -> int:
    by = _operator()
    try:
        if args.users_command == "add":
            viewer = auth.add_user(
                args.name, args.role, password=_password_from(args.password_env),
                channels=args.channel, regions=args.region, db=args.db, by=by,
            )
            print(f"Added {viewer.name} ({viewer.role}).")
        elif args.users_command == "list":
            return _list(args)
        elif args.users_command == "remove":
            auth.remove_user(args.name, db=args.db, by=by)
            print(f"Removed {auth.normalise_name(args.name)}.")
        elif args.users_command == "scope":
            current = next(
                (u for u in auth.list_users(viewer=by, db=args.db)
                 if u["name"] == auth.normalise_name(args.name)), None,
            )
            if current is None:
                raise auth.UnknownUser(f"No user named {args.name!r}.")
            viewer = auth.set_access(
                args.name, args.role or current["role"], channels=args.channel,
                regions=args.region, db=args.db, by=by,
            )
            print(f"{viewer.name} is now {viewer.role}"
                  f" (channels: {', '.join(viewer.channels) or '-'};"
                  f" regions: {', '.join(viewer.regions) or '-'}).")
        elif args.users_command == "password":
            auth.set_password(args.name, _password_from(args.password_env), db=args.db, by=by)
            print(f"Password of {auth.normalise_name(args.name)} changed.")
    except (auth.AccountError, WarehouseBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
