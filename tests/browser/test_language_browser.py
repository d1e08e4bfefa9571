"""Every page in Chinese says everything in Chinese: no English word outside an allow-list of
acronyms, the data a user loaded (names of channels, regions, products, competitors, texts) and
what Streamlit itself writes and cannot translate (the upload box)."""

from __future__ import annotations

import re

import duckdb
import pytest

from .conftest import ACCOUNTS, nav_titles

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Kept as they are in Chinese business writing.
ACRONYMS = {"NPS", "CSAT", "CES", "CSI", "SLA", "CSV", "XLSX", "PDF", "UTC", "AHP", "SPC", "FCR",
            "CR", "MB", "ID", "API", "SMTP", "URL", "CLI", "JSON", "Top", "CNY",
            "I", "II", "III", "IV"}  # response levels
# The language switch names the other language in its own words.
OWN_NAMES = {"English"}
# Written by Streamlit, which has no Chinese: the skip link for screen readers, a date box's
# placeholder.
STREAMLIT_OWN = {"Skip", "to", "main", "content", "yyyy", "mm", "dd"}
# The data the user loaded: values of these columns are theirs, in whatever language.
DATA_COLUMNS = {
    "complaints": ("channel", "region", "touchpoint", "product", "description", "customer_id",
                   "ticket_id"),
    "survey_responses": ("channel", "region", "touchpoint", "segment", "comment", "customer_id"),
    "survey_ratings": ("touchpoint",),
    "customers": ("region", "channel", "segment", "customer_id"),
    "benchmarks": ("competitor", "touchpoint", "source"),
    "ops_metrics": ("channel", "region", "product"),
    "users": ("name",),
    "batches": ("file_name",),
}
# The page's visible text (charts included) without icon ligatures ([translate=no]), code (commands and setting
# names are not words to translate) and Streamlit's own upload box.
PAGE_TEXT = """() => {
  const skip = '[translate="no"], code, pre, script, style, noscript, ' +
               '[data-testid="stFileUploaderDropzone"]';
  const root = document.querySelector('[data-testid="stAppViewContainer"]') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const seen = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest(skip) && parent.checkVisibility()) {
      seen.push(walker.currentNode.textContent);
    }
  }
  return seen.join(' ');
}"""
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


def _data_words(db) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        words = set(ACCOUNTS)
        for table, columns in DATA_COLUMNS.items():
            for column in columns:
                for (value,) in con.execute(
                        f"select distinct {column} from {table} where {column} is not null"
                ).fetchall():
                    words.update(WORD.findall(str(value)))
    finally:
        con.close()
    return words


def test_every_chinese_page_has_no_stray_english(app_server, browser_db, page, open_page,
                                                 sign_in, go_to, problems, screenshot):
    allowed = {w.lower() for w in ACRONYMS | OWN_NAMES | STREAMLIT_OWN | _data_words(browser_db)}
    allowed |= {"asia", "shanghai"}  # the display zone's name (the default one)
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=zh-CN")
    sign_in(page, "root")
    stray: dict[str, list[str]] = {}
    for title in nav_titles(page):
        go_to(page, title)
        assert problems(page) == [], title
        text = page.evaluate(PAGE_TEXT)
        words = sorted({w for w in WORD.findall(text) if w.lower() not in allowed})
        if words:
            stray[title] = words
            screenshot(page, f"zh-stray-{len(stray)}")
    assert not stray, "\n".join(f"{k}: {v}" for k, v in stray.items())
