"""Every page in Chinese says everything in Chinese: no English word outside an allow-list of
acronyms, the data a user loaded (names of channels, regions, products, competitors, texts) and
what Streamlit itself writes and cannot translate (the upload box)."""

from __future__ import annotations

import pytest

from tests.language_words import allowed_words, stray

from .conftest import ACCOUNTS, nav_titles

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# Pages that show what people wrote (verbatims, their keywords): those words are data there.
TEXT_PAGES = {"voice", "complaints"}

# The page's visible text (charts included) without icon ligatures ([translate=no]), code
# (commands and setting names are not words to translate) and Streamlit's own upload box.
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


def test_every_chinese_page_has_no_stray_english(app_server, browser_db, page, open_page,
                                                 sign_in, go_to, problems, screenshot):
    accounts = {name.lower() for name in ACCOUNTS}
    allowed = allowed_words(browser_db) | accounts
    with_texts = allowed_words(browser_db, texts=True) | accounts
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=zh-CN")
    sign_in(page, "root")
    found: dict[str, list[str]] = {}
    for title in nav_titles(page):
        go_to(page, title)
        assert problems(page) == [], title
        path = page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        words = stray(page.evaluate(PAGE_TEXT), with_texts if path in TEXT_PAGES else allowed)
        if words:
            found[title] = words
            screenshot(page, f"zh-stray-{len(found)}")
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
