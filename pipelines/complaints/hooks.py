"""Complaint loads: the repeat-complaint table follows every load and undo."""

from __future__ import annotations

from pipelines.hooks import KindHooks
from warehouse.storage import derived


class ComplaintHooks(KindHooks):
    def after_merge(self, con, batch_id):
        derived.refresh_batch(con, batch_id)

    def before_undo(self, con, batch_id):
        derived.start(con)
        derived.touch_batch(con, batch_id)  # before undo.sql deletes the batch's rows

    def after_undo(self, con):
        derived.refresh(con)


HOOKS = ComplaintHooks()
