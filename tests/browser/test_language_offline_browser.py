"""Every page in Chinese with the network cut off: nothing is fetched from outside the server,
and no English shows outside product names and the data the user loaded."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Product and format names, units and codes that stay as they are in Chinese text.
ALLOWED = {
    "cx", "risk", "monitor", "nps", "csat", "ces", "csi", "sla", "kpi", "csv", "xlsx", "json",
    "utc", "cny", "ahp", "spc", "app", "vip", "excel", "id", "pp", "yyyy", "mm", "dd",
    "iqr", "cr", "ucl", "lcl", "p0", "p1", "oidc", "sso", "url", "api", "smtp", "webhook",
}
# Material icons are drawn from ligature text (e.g. "download"); they are not words a reader sees.
HIDE = ('[data-testid="stIconMaterial"], [data-testid="stSidebarNavLinkIcon"], '
        '.material-symbols-rounded, [data-testid="stExpanderIcon"], svg text.legendtext')


def _loaded_words(db) -> set[str]:
    """Words of the values the data holds (channels, regions, categories, competitors …)."""
    from warehouse.access.scope import SYSTEM
    from warehouse.kpi.catalog import filter_options

    words = set()
    for values in filter_options(viewer=SYSTEM, db=db).values():
        for value in values:
            words |= set(re.findall(r"[a-z][a-z'\-]+", str(value).lower()))
    return words


def _english(page, allowed: set[str]) -> list[str]:
    text = page.evaluate("""hide => {
        const root = document.querySelector('[data-testid="stApp"]').cloneNode(true);
        root.querySelectorAll(hide).forEach(e => e.remove());
        return root.innerText + ' ' + [...document.querySelectorAll('svg text')]
            .map(e => e.textContent).join(' ');
    }""", HIDE)
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'\-]{1,}", text)}
    return sorted(w for w in words if w.strip("-'") not in allowed)


def test_every_page_in_chinese_with_the_network_blocked(app_server, browser_db, page, open_page,
                                                        sign_in, go_to, problems, screenshot):
    outside: list[str] = []

    def only_this_server(route) -> None:
        host = re.match(r"^[a-z]+://([^/:]+)", route.request.url)
        if host and host.group(1) not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.context.route("**/*", only_this_server)
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=zh-CN", heading="Sign in · 登录")
    sign_in(page, "root")
    allowed = ALLOWED | _loaded_words(browser_db) | {"root"}
    links = page.locator('[data-testid="stSidebarNav"] a')
    titles = [link.inner_text().strip().splitlines()[-1].strip() for link in links.all()]
    assert "总览" in titles and len(titles) >= 10
    stray = {}
    for title in titles:
        go_to(page, title)
        assert problems(page) == [], title
        page.wait_for_timeout(1500)  # charts draw their axes after the run
        screenshot(page, f"zh-offline-{title}")
        found = _english(page, allowed)
        if found:
            stray[title] = found
    assert outside == [], f"fetched from outside the server: {outside}"
    assert stray == {}, f"English on Chinese pages: {stray}"
