"""Per-kind steps of a load: each export kind's folder may override these no-op defaults."""

from __future__ import annotations

from typing import Any


class KindHooks:
    """What a kind adds to the shared stage and write steps; the core never asks which kind it is.

    The kind's SQL lives beside its hooks (pipelines/<kind>/*.sql); scripts are run by name
    through pipelines.sqlscripts.
    """

    def optional_fields(self, *, as_of: str | None) -> tuple[str, ...]:
        """Required fields the caller can fill without a column (e.g. a survey's --as-of date)."""
        return ()

    def filled_fields(self, *, as_of: str | None) -> tuple[str, ...]:
        """Fields the load writes although no column maps them (they count as the file's content)."""
        return ()

    def missing_hint(self, field: str) -> str:
        """A sentence added to the 'missing required column' message for this field."""
        return ""

    def stage_params(self, stager: Any, con: Any, head: Any, profile: dict) -> dict:
        """Extra bound parameters of the kind's stage.sql."""
        return {}

    def after_stage(self, con: Any, head: Any, params: dict) -> None:
        """Steps after stage.sql, before the rejects are collected (e.g. survey ratings)."""

    def after_incoming(self, con: Any) -> None:
        """Steps after the incoming rows are chosen (e.g. a survey's ratings join their rows)."""

    def after_handoff(self, con: Any) -> None:
        """Extra tables written to the hand-off file."""

    def options(self, params: dict) -> dict:
        """Options recorded with the batch besides the shared ones."""
        return {}

    def handoff_views(self, con: Any) -> None:
        """Views over the extra hand-off tables, in the write connection."""

    def after_merge(self, con: Any, batch_id: int) -> None:
        """Derived tables to refresh for the rows the batch wrote."""

    def undo_params(self, con: Any, structure: Any) -> dict:
        """Extra bound parameters of the kind's undo.sql (`structure` gives a table's row shape)."""
        return {}

    def before_undo(self, con: Any, batch_id: int) -> None:
        """Steps before undo.sql deletes the batch's rows."""

    def after_undo(self, con: Any) -> None:
        """Derived tables to refresh after an undo."""


DEFAULT = KindHooks()
