"""What every page calls first: the frame's viewer and filters, with the frame really run."""

from __future__ import annotations

from dashboard.components.auth import current_viewer
from dashboard.components.filters import current_filters
from dashboard.components.navigation import restart_outside_navigation
from warehouse.access.scope import Filters, Viewer


def framed() -> tuple[Viewer, Filters]:
    """(viewer, filters) of this run; call it at the top of every page."""
    restart_outside_navigation()
    return current_viewer(), current_filters()
