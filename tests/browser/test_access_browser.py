"""In Chromium: a South department head given links crafted for North sees nothing of North;
a manager gets no admin pages or change controls; the audit page shows what happened."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

# Pages whose data a department head sees, opened by a link that asks for another region.
CRAFTED = {"overview": "Overview", "touchpoints": "Touchpoints", "risk-matrix": "Risk matrix",
           "alerts": "Alerts", "complaints": "Complaints", "customers": "Customers"}
NOTICES = '[data-testid="stAlert"], [data-testid="stAlertContainer"], [data-testid="stToast"]'


def _data_text(page, heading: str) -> str:
    """All text of the page and its charts (SVG too) once it stopped changing, without notices
    (a notice may quote the ignored URL value itself)."""
    # generous: the first views of a fresh server on a busy machine are slow
    page.get_by_role("heading", level=1, name=heading).first.wait_for(timeout=90_000)
    last, stable_since, deadline = None, time.monotonic(), time.monotonic() + 40
    while time.monotonic() < deadline:
        page.evaluate("sel => document.querySelectorAll(sel).forEach(e => e.remove())", NOTICES)
        text = page.evaluate("() => document.querySelector('[data-testid=stApp]').textContent")
        if text != last:
            last, stable_since = text, time.monotonic()
        elif time.monotonic() - stable_since > 2.5:
            break
        time.sleep(0.5)
    return last


def _downloads(page) -> list[str]:
    """The CSV files the page offers, as text."""
    found = []
    for button in page.get_by_role("button", name="Download CSV").all():
        with page.expect_download() as info:
            button.click()
        found.append(info.value.path().read_text(encoding="utf-8-sig"))
    return found


def test_admin_sees_north_on_the_same_links(app_server, browser_db, page, open_page, sign_in):
    """The control: North is in the data, so its absence below means the scope held."""
    url = app_server(browser_db)
    open_page(page, f"{url}/complaints?region=North&lang=en")
    sign_in(page, "root")
    assert "North" in _data_text(page, "Complaints")
    assert any("North" in csv for csv in _downloads(page))


@pytest.mark.parametrize("path", list(CRAFTED))
def test_south_head_with_a_link_for_north_sees_nothing_of_north(
    app_server, browser_db, page, open_page, sign_in, problems, screenshot, path
):
    url = app_server(browser_db)
    # The Overview is the default page: its address is the app's root, as a copied link shows.
    address = "" if path == "overview" else path
    open_page(page, f"{url}/{address}?region=North&channel=App&lang=en")
    sign_in(page, "south_head")
    text = _data_text(page, CRAFTED[path])
    assert problems(page) == [], path
    screenshot(page, f"access-south-head-{path}")
    assert "North" not in text, f"{path} shows North to the South head"
    for csv in _downloads(page):
        assert "North" not in csv, f"a download on {path} holds North rows"
    if path == "complaints":
        assert "South" in text  # the head does see their own region


def _nav(page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a').all()
    return [link.inner_text().strip().splitlines()[-1].strip() for link in links]


def test_manager_gets_no_admin_pages_and_no_upload(app_server, browser_db, page, open_page,
                                                   sign_in, go_to, problems):
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=en")
    sign_in(page, "mia")
    titles = _nav(page)
    assert "Overview" in titles and not {"Users", "Audit log"} & set(titles)
    go_to(page, "Data")
    assert problems(page) == []
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    # An admin page asked for by its URL (the manager stays signed in) opens no admin content.
    open_page(page, f"{url}/users?lang=en")
    assert page.get_by_role("heading", name="Sign in · 登录").count() == 0
    assert "Overview" in _nav(page)
    assert page.get_by_role("button", name="Create user").count() == 0


def test_audit_page_shows_sign_ins_and_failures(app_server, browser_db, page, open_page, sign_in,
                                                go_to, problems):
    url = app_server(browser_db)
    open_page(page, f"{url}/?lang=en")
    page.get_by_label("User name · 用户名").fill("south_head")
    page.get_by_label("Password · 密码").fill("wrong-password")
    page.get_by_role("button", name="Sign in · 登录").click()
    page.get_by_text("Wrong user name or password").first.wait_for()
    sign_in(page, "south_head")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    sign_in(page, "root")
    go_to(page, "Audit log")
    assert problems(page) == []
    entries = "\n".join(_downloads(page))
    assert "south_head,Sign-in failed" in entries and "south_head,Signed in," in entries
    assert "root,Signed in," in entries
