"""Real-browser fixtures: a Streamlit server per warehouse, Chromium, page helpers.

Reusable by every browser test:
- `app_server(db_path)` → base URL of `streamlit run dashboard/server.py` on a free port with
  CXRISK_DB=db_path (one server per path per session; stopped at the end).
- `browser_db` → a copy of the demo warehouse with the accounts of ACCOUNTS.
- `browser` (session) / `page` (a fresh context per test, 1440×1000).
- `open_page(page, url, heading=None)` → goes to URL and waits until the app has rendered
  (a heading, no running indicator), not just the health check.
- `sign_in(page, user, password=PASSWORD)`, `go_to(page, title)` (sidebar link),
  `page_problems(page)` (exception and error-box texts), `screenshot(page, name)` (whole page).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "browser-test-pass-1"
# name -> (role, channels, regions)
ACCOUNTS = {
    "root": ("admin", (), ()),
    "ana": ("analyst", (), ()),
    "mia": ("manager", (), ()),
    "south_head": ("dept_head", (), ("South",)),
}
PROBLEM_SELECTORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Factory: app_server(db_path, **env) -> base URL of a running app on that warehouse."""
    servers: dict[str, tuple[subprocess.Popen, str]] = {}
    logs = tmp_path_factory.mktemp("streamlit-logs")

    def start(db_path: Path, **env: str) -> str:
        key = f"{db_path}|{sorted(env.items())}"
        if key in servers:
            return servers[key][1]
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(logs / f"server-{port}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/server.py",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "CXRISK_DB": str(db_path), **env},
        )
        servers[key] = (process, url)
        deadline = time.monotonic() + 90
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.3)
        return url

    yield start
    for process, _ in servers.values():
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def add_accounts(db_path: Path) -> None:
    from warehouse.access.auth import add_user

    for name, (role, channels, regions) in ACCOUNTS.items():
        add_user(name, role, password=PASSWORD, channels=channels, regions=regions,
                 db=db_path, by="test")


@pytest.fixture(scope="session")
def browser_db(demo_db_master, tmp_path_factory) -> Path:
    """A copy of the demo warehouse, alerts evaluated, with the test accounts (shared)."""
    from warehouse.alerting.evaluation import evaluate

    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    evaluate(path)
    add_accounts(path)
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def wait_rendered(page, heading: str | None = None, timeout: float = 30.0) -> None:
    """Wait for a heading (the given text, or any h1) and for the app to stop running."""
    target = page.get_by_role("heading", level=1, name=heading) if heading else page.locator("h1")
    target.first.wait_for(state="visible", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        busy = page.evaluate("""() => !!document.querySelector(
            '[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]')""")
        if not busy:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.8:
                return
        else:
            quiet_since = None
        time.sleep(0.1)


@pytest.fixture
def open_page():
    """open_page(page, url, heading=None): go to URL, wait until the app has rendered."""

    def go(page, url: str, heading: str | None = None) -> None:
        page.goto(url)
        wait_rendered(page, heading)

    return go


@pytest.fixture
def sign_in():
    """sign_in(page, user, password=PASSWORD) on the sign-in form already on the page."""

    def fill(page, user: str, password: str = PASSWORD) -> None:
        # The form stays inert while a fresh server's first run is still going; on a busy
        # machine that takes longer than the default 30 s.
        slow = 120_000
        page.get_by_label("User name · 用户名").fill(user, timeout=slow)
        page.get_by_label("Password · 密码").fill(password, timeout=slow)
        page.get_by_role("button", name="Sign in · 登录").click(timeout=slow)
        page.get_by_role("heading", name="Sign in · 登录").wait_for(state="detached")
        wait_rendered(page)

    return fill


@pytest.fixture
def go_to():
    """go_to(page, title): click the sidebar link TITLE and wait until its page has rendered."""

    def click(page, title: str) -> None:
        before = page.locator("h1").first.inner_text()
        nav_link(page, title).click()
        deadline = time.monotonic() + 30
        while page.locator("h1").first.inner_text() == before and time.monotonic() < deadline:
            time.sleep(0.1)
        wait_rendered(page)

    return click


def nav_titles(page) -> list[str]:
    """Titles of the sidebar's page links, in order (the icon's ligature text left out)."""
    links = page.locator('[data-testid="stSidebarNav"] a').all()
    return [link.inner_text().strip().splitlines()[-1].strip() for link in links]


def nav_link(page, title: str):
    """The sidebar link whose title is TITLE."""
    titles = nav_titles(page)
    if title not in titles:
        raise AssertionError(f"no page link {title!r} in the sidebar: {titles}")
    return page.locator('[data-testid="stSidebarNav"] a').nth(titles.index(title))


def page_problems(page) -> list[str]:
    """Texts of exception boxes and error messages on the page, and any traceback text."""
    found = [box.inner_text() for box in page.locator(PROBLEM_SELECTORS).all()]
    body = page.locator("body").inner_text()
    if "Traceback (most recent call last)" in body:
        found.append("traceback text in the page")
    return found


@pytest.fixture
def problems():
    return page_problems


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> path of tests/artifacts/NAME.png (full page)."""

    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        # the app scrolls inside its main area, so the page is made as tall as that area
        size = page.viewport_size
        height = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0")
        page.set_viewport_size({"width": size["width"],
                                "height": max(size["height"], min(int(height) + 80, 8000))})
        time.sleep(0.5)  # charts re-lay themselves out
        page.screenshot(path=str(path), full_page=True)
        page.set_viewport_size(size)
        return path

    return take
