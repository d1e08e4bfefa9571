"""Page speed in a real browser on the demo warehouse: navigation → first chart, filter → update.

    .venv/bin/python bench/pages.py [--db PATH] [--runs 3]

Without --db it builds (once) bench/.cache/pages-demo.duckdb: the demo year ending
2026-06-30 with alerts evaluated and a bench account. Starts `streamlit run dashboard/server.py`
on a free port, drives Debian's Chromium through Playwright, and prints per page the time
from clicking the page's link to its first chart (or table/tile, for pages without charts)
being drawn, first visit (cold cache) and later visits (median), and per filtered page the
time from changing the region filter to every area being redrawn. Targets: ≤ 2.5 s, ≤ 0.7 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
USER, PASSWORD = "bench", "bench-pages-pass-1"
NAV_TARGET, FILTER_TARGET = 2.5, 0.7
# What "drawn" means: a chart, else a table or a KPI tile, inside the main area.
FIRST_CONTENT = ('[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg, '
                 '[data-testid="stMain"] [data-testid="stDataFrame"] canvas, '
                 '[data-testid="stMain"] [data-testid="stMetric"]')
FILTERED_PAGES = ("Overview", "Touchpoints", "Risk matrix", "Complaints")


def demo_db() -> Path:
    """The cached demo warehouse for this benchmark (built on first use, ~1 minute)."""
    path = CACHE / "pages-demo.duckdb"
    if path.exists():
        return path
    from pipelines.demo import generate_demo
    from warehouse.access.auth import add_user
    from warehouse.alerting.evaluation import evaluate

    CACHE.mkdir(parents=True, exist_ok=True)
    building = path.with_name("pages-demo.building.duckdb")
    building.unlink(missing_ok=True)
    generate_demo(db=building, seed=7, end=date(2026, 6, 30))
    evaluate(building)
    add_user(USER, "admin", password=PASSWORD, db=building, by="bench")
    shutil.move(building, path)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/server.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, "CXRISK_DB": str(db)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.3)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("streamlit did not start")


def idle(page, timeout: float = 60.0) -> None:
    """Until the script has finished and nothing on the page is stale any more."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
                 && !document.querySelector('[data-stale="true"]')""",
        timeout=timeout * 1000, polling=25,
    )


def nav_titles(page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a').all()
    return [link.inner_text().strip().splitlines()[-1].strip() for link in links]


def open_by_link(page, title: str) -> float:
    """Seconds from clicking TITLE in the sidebar to the page's first chart/table/tile."""
    titles = nav_titles(page)
    link = page.locator('[data-testid="stSidebarNav"] a').nth(titles.index(title))
    if urlparse(link.get_attribute("href")).path == urlparse(page.url).path:
        other = titles[(titles.index(title) + 1) % len(titles)]
        open_by_link(page, other)  # already there: leave first, so the click navigates
    before = page.locator("h1").first.inner_text()
    start = time.perf_counter()
    link.click()
    page.wait_for_function("b => { const h = document.querySelector('h1');"
                           " return h && h.innerText !== b; }", arg=before, polling=25)
    page.locator(FIRST_CONTENT).first.wait_for(state="visible", timeout=60_000)
    elapsed = time.perf_counter() - start
    idle(page)
    return elapsed


def change_region(page, region: str) -> float:
    """Seconds from picking REGION in the sidebar filter to every area being redrawn."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    box.locator("input").click()
    page.keyboard.type(region)
    page.get_by_role("option", name=region).first.wait_for()
    start = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " || document.querySelector('[data-stale=\"true\"]')",
                           timeout=5_000, polling=10)
    idle(page)
    elapsed = time.perf_counter() - start
    page.keyboard.press("Escape")
    return elapsed


def clear_region(page) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    clear = box.locator('[aria-label="Clear all"], [title="Clear all"]')
    if clear.count():
        clear.first.click()
        idle(page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="warehouse with an admin account --user")
    parser.add_argument("--user", default=USER)
    parser.add_argument("--password-env", default=None,
                        help="environment variable holding the password (default: bench's)")
    parser.add_argument("--runs", type=int, default=3, help="visits per page (first is cold)")
    args = parser.parse_args(argv)
    password = os.environ[args.password_env] if args.password_env else PASSWORD
    db = args.db or demo_db()

    from playwright.sync_api import sync_playwright

    process, url = start_server(db)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(url)
            page.get_by_role("heading", name="Sign in · 登录").wait_for()
            idle(page)
            page.get_by_label("User name · 用户名").fill(args.user)
            page.get_by_label("Password · 密码").fill(password)
            page.get_by_role("button", name="Sign in · 登录").click()
            page.locator('[data-testid="stSidebarNav"] a').first.wait_for()
            idle(page)
            titles = nav_titles(page)
            navigation: dict[str, list[float]] = {t: [] for t in titles}
            for _ in range(args.runs):
                for title in titles:
                    navigation[title].append(open_by_link(page, title))
            filtering: dict[str, list[float]] = {}
            warm: dict[str, float] = {}
            for title in (t for t in FILTERED_PAGES if t in titles):
                open_by_link(page, title)
                filtering[title] = []
                for region in ("East", "South", "North")[: max(args.runs, 1)]:
                    filtering[title].append(change_region(page, region))
                    clear_region(page)
                # the same filter set again: answered from the cache
                warm[title] = change_region(page, "East")
                clear_region(page)
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)

    print(f"\nNavigation → first chart (s), target ≤ {NAV_TARGET}; first visit / median later")
    for title, times in navigation.items():
        later = statistics.median(times[1:]) if len(times) > 1 else times[0]
        mark = "ok" if max(times[0], later) <= NAV_TARGET else "SLOW"
        print(f"  {title:<14} {times[0]:6.2f} {later:6.2f}  {mark}")
    print(f"\nRegion filter change → all areas redrawn (s), target ≤ {FILTER_TARGET}; "
          "new filter sets (cold cache) and one seen before (warm)")
    for title, times in filtering.items():
        cold = statistics.median(times)
        print(f"  {title:<14} cold " + " ".join(f"{x:5.2f}" for x in times)
              + f"  median {cold:.2f} {'ok' if cold <= FILTER_TARGET else 'SLOW'}"
              + f"  | warm {warm[title]:.2f} {'ok' if warm[title] <= FILTER_TARGET else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
