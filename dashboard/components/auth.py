"""Sign-in gate for the app (placeholder until local accounts land: everyone is an admin)."""

from __future__ import annotations

from warehouse.scope import Viewer


def current_viewer() -> Viewer:
    """The signed-in viewer; renders the sign-in form and stops the script when nobody is."""
    return Viewer("admin", "admin")
