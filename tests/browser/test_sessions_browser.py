"""In Chromium, as a person uses it: signed in across reloads, clicked links and a copied link
in a new window; the page asked for opens after sign-in; downloads need the session."""

from __future__ import annotations

import shutil

import pytest
import requests

pytestmark = pytest.mark.browser
SIGN_IN = "Sign in · 登录"
PASSWORD = "browser-test-pass-1"  # the suite's (tests/browser/conftest.py)
ACCOUNTS = {"root": ("admin", ()), "ana": ("analyst", ()), "mia": ("manager", ()),
            "south_head": ("dept_head", ("South",))}


@pytest.fixture(scope="module")
def session_db(demo_db_master, tmp_path_factory):
    """A warehouse of its own: these tests change passwords."""
    path = tmp_path_factory.mktemp("sessions") / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    from warehouse.access.auth import add_user

    for name, (role, regions) in ACCOUNTS.items():
        add_user(name, role, password=PASSWORD, regions=regions, db=path, by="test")
    return path


def _heading(page) -> str:
    return page.locator("h1").first.inner_text()


def _signed_in(page) -> bool:
    return _heading(page) != SIGN_IN and "/sign-in" not in page.url


def test_reload_links_and_a_copied_link_keep_the_user_signed_in(
        app_server, session_db, browser, page, open_page, sign_in, go_to, problems):
    url = app_server(session_db)
    # a link to a page, opened signed out, opens that page after sign-in
    open_page(page, f"{url}/complaints?region=South&lang=en", heading=SIGN_IN)
    assert "/sign-in" in page.url
    sign_in(page, "ana")
    assert _heading(page) == "Complaints"
    assert page.url.startswith(f"{url}/complaints") and "region=South" in page.url

    open_page(page, page.url)  # a reload
    assert _heading(page) == "Complaints", "a reload signed the user out"

    go_to(page, "Touchpoints")
    assert _heading(page) == "Touchpoints" and _signed_in(page)
    copied = page.url

    # the copied link in a new window of the same browser (same cookies)
    other = browser.new_context(storage_state=page.context.storage_state(),
                                viewport={"width": 1440, "height": 1000})
    try:
        tab = other.new_page()
        open_page(tab, copied)
        assert _heading(tab) == "Touchpoints" and tab.url == copied
        open_page(tab, f"{url}/overview?lang=en")
        assert _heading(tab) == "Overview", "/overview is not the Overview"
        assert problems(tab) == []
    finally:
        other.close()

    # the same link in a browser that never signed in asks for a sign-in first
    stranger = browser.new_context()
    try:
        tab = stranger.new_page()
        tab.goto(copied)
        tab.get_by_role("heading", name=SIGN_IN).wait_for()
        assert "Touchpoints" not in tab.locator("body").inner_text()
    finally:
        stranger.close()


def _cookies(page) -> dict:
    return {c["name"]: c["value"] for c in page.context.cookies()}


def test_a_download_link_fails_without_the_session_and_after_sign_out(
        app_server, session_db, page, open_page, sign_in):
    url = app_server(session_db)
    open_page(page, f"{url}/complaints?lang=en", heading=SIGN_IN)
    sign_in(page, "mia")
    button = page.get_by_role("button", name="Download CSV").first
    with page.expect_download() as info:
        button.click()
    link = info.value.url
    assert "/media/" in link
    assert info.value.path().read_text(encoding="utf-8-sig").strip()

    assert requests.get(link, timeout=10).status_code == 403  # no cookies at all
    with_session = requests.get(link, cookies=_cookies(page), timeout=10)
    assert with_session.status_code == 200 and with_session.content
    cookies = _cookies(page)

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name=SIGN_IN).wait_for()
    # the old page may still be on screen a moment while the sign-in page replaces it
    page.get_by_text("signed out").first.wait_for(timeout=60_000)
    assert requests.get(link, cookies=cookies, timeout=10).status_code == 403
    # the page itself, with the old cookie, asks for a sign-in again
    again = requests.get(f"{url}/complaints", cookies=cookies, timeout=10, allow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/sign-in")


def test_a_password_change_signs_the_user_out_everywhere(
        app_server, session_db, page, open_page, sign_in):
    from warehouse.access import auth

    url = app_server(session_db)
    open_page(page, f"{url}/alerts?lang=en", heading=SIGN_IN)
    sign_in(page, "south_head")
    assert _heading(page) == "Alerts"
    auth.set_password("south_head", "a-brand-new-pass-1", db=session_db, by="test")
    page.reload()
    page.get_by_role("heading", name=SIGN_IN).wait_for()
    assert "password was changed" in page.locator("body").inner_text()
    sign_in(page, "south_head", "a-brand-new-pass-1")
    assert _heading(page) == "Alerts"


def test_wrong_passwords_in_the_browser_lock_with_one_message(app_server, session_db, page,
                                                              open_page):
    url = app_server(session_db)
    open_page(page, f"{url}/", heading=SIGN_IN)
    for _ in range(5):
        page.get_by_label("User name · 用户名").fill("root")
        page.get_by_label("Password · 密码").fill("guess-guess-guess")
        page.get_by_role("button", name=SIGN_IN).click()
        page.locator(".error").wait_for()
    page.get_by_label("Password · 密码").fill(PASSWORD)  # right, but locked now
    page.get_by_role("button", name=SIGN_IN).click()
    assert "Too many failed attempts" in page.locator(".error").inner_text()


def test_the_language_a_user_chose_is_theirs_in_their_next_session(
        app_server, session_db, browser, page, open_page, sign_in):
    url = app_server(session_db)
    open_page(page, f"{url}/alerts?lang=en", heading=SIGN_IN)
    sign_in(page, "mia")
    assert _heading(page) == "Alerts"
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="中文").click()
    page.get_by_role("heading", name="预警", level=1).wait_for()
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="退出登录").click()
    page.get_by_role("heading", name=SIGN_IN).wait_for()
    # another window, a link without ?lang=: mia's own choice, not the company's English
    other = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        fresh = other.new_page()
        open_page(fresh, f"{url}/alerts", heading=SIGN_IN)
        sign_in(fresh, "mia")
        assert _heading(fresh) == "预警"
        assert "lang=zh-CN" in fresh.url
        # someone else who never chose still gets the company's default
        fresh.locator('[data-testid="stSidebar"]').get_by_role("button", name="退出登录").click()
        fresh.get_by_role("heading", name=SIGN_IN).wait_for()
        open_page(fresh, f"{url}/alerts", heading=SIGN_IN)
        sign_in(fresh, "ana")
        assert _heading(fresh) == "Alerts"
    finally:
        other.close()
