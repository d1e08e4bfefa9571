"""In Chinese, the tables say everything in Chinese too: headers and the product's own values
(levels, states, scopes, kinds, windows), with the same allow-list as the browser's page scan
(a table is drawn on a canvas, which the browser scan cannot read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.language_words import allowed_words, stray

PAGES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "dashboard" / "pages")
               .glob("*.py"))


def _table_text(table) -> str:
    """The headers a reader sees (the column_config labels, else the names) and the text cells
    of the columns shown."""
    frame = table.value
    config = json.loads(table.proto.columns or "{}")
    order = list(table.proto.column_order) or list(frame.columns)
    shown = [c for c in order if c in frame.columns and not config.get(str(c), {}).get("hidden")]
    cells = [str(config.get(str(c), {}).get("label") or c) for c in shown]
    for column in shown:
        if frame[column].dtype == object:
            cells.extend(str(v) for v in frame[column].dropna().unique()[:500])
    return " ".join(cells)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_tables_of_a_chinese_page_have_no_stray_english(page, app_test, incidents_db):
    allowed = allowed_words(incidents_db) | {"root"}
    at = app_test(incidents_db, lang="zh-CN", query={"preset": "year"})
    at.run()
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, [e.value for e in at.exception]
    found = {}
    for table in at.dataframe:
        words = stray(_table_text(table), allowed)
        if words:
            found[" / ".join(map(str, table.value.columns[:3]))] = words
    assert not found, found
