"""Which role may do what: the one table every page and command asks."""

from __future__ import annotations

from warehouse.access.scope import Viewer

# action -> roles allowed. Reading is open to every signed-in role (scope limits the rows).
PERMISSIONS: dict[str, frozenset[str]] = {
    "upload": frozenset({"admin", "analyst"}),
    "undo": frozenset({"admin", "analyst"}),
    "edit_mappings": frozenset({"admin", "analyst"}),
    "edit_thresholds": frozenset({"admin", "analyst"}),
    "edit_weights": frozenset({"admin", "analyst"}),
    "edit_settings": frozenset({"admin"}),
    "edit_risk_items": frozenset({"admin", "analyst"}),
    # dept_head: items inside their scope only; managers read the list
    "edit_improvements": frozenset({"admin", "analyst", "dept_head"}),
    "edit_text_dictionary": frozenset({"admin", "analyst"}),
    "acknowledge": frozenset({"admin", "analyst", "dept_head"}),  # dept_head: within scope only
    "manage_users": frozenset({"admin"}),
    "view_audit": frozenset({"admin"}),
    "load_demo": frozenset({"admin", "analyst"}),
}


class PermissionDenied(PermissionError):
    """The viewer's role may not do this; the message is safe to show."""


def can(viewer: Viewer, action: str) -> bool:
    if action not in PERMISSIONS:
        raise KeyError(f"unknown action {action!r}")
    return viewer.role in PERMISSIONS[action]


def require(viewer: Viewer, action: str) -> None:
    if not can(viewer, action):
        raise PermissionDenied(f"Your role ({viewer.role}) may not {action.replace('_', ' ')}.")


def acting_name(user: Viewer | str, action: str) -> str:
    """The name a change is recorded under, after checking that USER may do ACTION.

    A Viewer is a signed-in person and must hold a role allowed to do ACTION. A plain string
    is a trusted system caller (the command line, which acts as the system admin, the demo
    generator, scheduled jobs); pages always pass the Viewer.
    """
    if isinstance(user, Viewer):
        require(user, action)
        return user.name
    return str(user or "").strip()
