"""Every page, in Chinese, with the network cut off: nothing is fetched from outside the server
(the favicon and fonts come from the app itself), and nothing is said in English outside an
allow-list of acronyms, the data a user loaded (names of channels, regions, products,
competitors, texts) and what Streamlit itself writes and cannot translate
(tests/language_words.py). The tables, drawn on a canvas this scan cannot read, are checked in
tests/dashboard/test_zh_tables.py."""

from __future__ import annotations

import re

import pytest

from tests.language_words import allowed_words, stray

from .conftest import ACCOUNTS

pytestmark = pytest.mark.browser
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


def test_every_page_in_chinese_is_offline_and_in_chinese(app_server, browser_db, page, open_page,
                                                         sign_in, go_to, problems, screenshot):
    outside: list[str] = []

    def only_this_server(route) -> None:
        host = re.match(r"^[a-z]+://([^/:]+)", route.request.url)
        if host and host.group(1) not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    accounts = {name.lower() for name in ACCOUNTS}
    allowed = allowed_words(browser_db) | accounts
    with_texts = allowed_words(browser_db, texts=True) | accounts
    page.context.route("**/*", only_this_server)
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=zh-CN", heading="Sign in · 登录")
    sign_in(page, "root")
    links = page.locator('[data-testid="stSidebarNav"] a')
    titles = [link.inner_text().strip().splitlines()[-1].strip() for link in links.all()]
    assert "总览" in titles and len(titles) >= 10
    english: dict[str, list[str]] = {}
    for title in titles:
        go_to(page, title)
        assert problems(page) == [], title
        page.wait_for_timeout(1500)  # charts draw (and would fetch) after the run
        screenshot(page, f"zh-offline-{title}")
        path = page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        words = stray(page.evaluate(PAGE_TEXT), with_texts if path in TEXT_PAGES else allowed)
        if words:
            english[title] = words
    assert outside == [], f"fetched from outside the server: {outside}"
    assert not english, "\n".join(f"{k}: {v}" for k, v in english.items())
