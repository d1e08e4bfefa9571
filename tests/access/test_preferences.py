"""A user's own language choice is kept across sessions, per user, beside the warehouse."""

from __future__ import annotations

import pytest

from warehouse.access import preferences
from warehouse.access.scope import Viewer


def test_each_user_keeps_their_own_language(tmp_db):
    ana, sam = Viewer(name="ana", role="analyst"), Viewer(name="sam", role="dept_head",
                                                          regions=("south",))
    assert preferences.language(viewer=ana, db=tmp_db) is None  # never chose
    preferences.set_language("zh-CN", viewer=ana, db=tmp_db)
    assert preferences.language(viewer=ana, db=tmp_db) == "zh-CN"
    assert preferences.language(viewer=sam, db=tmp_db) is None
    preferences.set_language("en", viewer=ana, db=tmp_db)  # a later choice replaces it
    assert preferences.language(viewer=ana, db=tmp_db) == "en"


def test_an_unknown_language_is_refused(tmp_db):
    with pytest.raises(ValueError, match="zh-CN"):
        preferences.set_language("fr", viewer=Viewer(name="ana", role="analyst"), db=tmp_db)
