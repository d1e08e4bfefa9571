"""Every page, in Chinese, with the network cut off: nothing is fetched from outside the server
(the favicon and fonts come from the app itself)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_every_page_in_chinese_fetches_nothing_from_outside(app_server, browser_db, page,
                                                            open_page, sign_in, go_to, problems,
                                                            screenshot):
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
    links = page.locator('[data-testid="stSidebarNav"] a')
    titles = [link.inner_text().strip().splitlines()[-1].strip() for link in links.all()]
    assert "总览" in titles and len(titles) >= 10
    for title in titles:
        go_to(page, title)
        assert problems(page) == [], title
        page.wait_for_timeout(1500)  # charts draw (and would fetch) after the run
        screenshot(page, f"zh-offline-{title}")
    assert outside == [], f"fetched from outside the server: {outside}"
