"""Soak: 20 browser viewers for 2 minutes while two loads overlap; page loads, errors, memory.

    .venv/bin/python bench/soak.py [--viewers 20] [--seconds 120] [--rows 200000] [--think 0.5]

Copies bench/pages.py's demo warehouse (built once) to bench/.cache/soak.duckdb, starts
`streamlit run dashboard/server.py` on a free port and one Chromium with a context (own cookies,
own session) per viewer. Each viewer signs in through the sign-in page, then opens the
monitoring pages by address in turn, for the whole run: a page load is timed from the
navigation to the page's first chart, table or tile being drawn. After 10 s a complaints load
of --rows rows starts with the CLI, and 20 s later a second one, so the two overlap (the
warehouse takes one writer at a time: the second waits for the first). Prints p50/p95 page
load, errors (error boxes, exceptions, time-outs), the loads' durations and exit codes, and the
server's peak resident memory (the Streamlit process and its children). Target: p95 < 3 s.
Only 127.0.0.1 is contacted; the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import generate
from pages import (
    CACHE,
    CHROMIUM,
    CHROMIUM_ARGS,
    FIRST_CONTENT,
    PASSWORD,
    USER,
    demo_db,
    start_server,
)

P95_TARGET = 3.0
PAGES = ("", "touchpoints", "risk-matrix", "alerts", "complaints", "customers")
PROBLEMS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
PAGE_TIMEOUT = 60.0


def _rss_mb(pid: int) -> float:
    """Resident memory of PID and its children (MB)."""
    import psutil

    try:
        main = psutil.Process(pid)
        procs = [main, *main.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


async def _signed_in(browser, url: str, index: int, errors: list):
    """A browser context (own cookies) signed in through the sign-in page, or None."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT * 1000)
    try:
        await page.goto(f"{url}/sign-in")
        await page.get_by_label("User name · 用户名").fill(USER)
        await page.get_by_label("Password · 密码").fill(PASSWORD)
        await page.get_by_role("button", name="Sign in · 登录").click()
        await page.locator(FIRST_CONTENT).first.wait_for(state="visible")
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
        errors.append(f"viewer {index} sign-in: {type(exc).__name__}")
        await context.close()
        return None
    return page


async def _viewer(page, url: str, index: int, until: float, times: list, errors: list,
                  think: float) -> None:
    if page is None:
        return
    turn = index  # viewers start on different pages
    while time.monotonic() < until:
        path = PAGES[turn % len(PAGES)]
        turn += 1
        start = time.perf_counter()
        try:
            await page.goto(f"{url}/{path}")
            await page.locator(FIRST_CONTENT).first.wait_for(state="visible")
            times.append(time.perf_counter() - start)
            if await page.locator(PROBLEMS).count():
                text = await page.locator(PROBLEMS).first.inner_text()
                errors.append(f"/{path}: {text.splitlines()[0][:120]}")
            if "/sign-in" in page.url:
                errors.append(f"/{path}: signed out")
        except Exception as exc:  # noqa: BLE001
            errors.append(f"/{path}: {type(exc).__name__}")
        await asyncio.sleep(think)  # a person reads the page before the next one
    await page.context.close()


async def _loads(db: Path, files: list[Path], start_after: float, gap: float,
                 results: list) -> None:
    async def one(csv: Path, delay: float) -> None:
        await asyncio.sleep(delay)
        began = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "pipelines", "ingest", "complaints", str(csv), "--db", str(db),
            "--user", USER, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE)
        _, err = await proc.communicate()
        results.append((csv.name, proc.returncode, time.perf_counter() - began,
                        err.decode(errors="replace").strip().splitlines()[-1:] if err else []))

    await asyncio.gather(*(one(f, start_after + i * gap) for i, f in enumerate(files)))


async def _run(url: str, pid: int, db: Path, args, files: list[Path]) -> dict:
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    loads: list = []
    memory: list[float] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # everyone signs in first; the measured window starts when all are in
        pages = await asyncio.gather(*(_signed_in(browser, url, i, errors)
                                       for i in range(args.viewers)))
        until = time.monotonic() + args.seconds

        async def sample() -> None:
            while time.monotonic() < until:
                memory.append(_rss_mb(pid))
                await asyncio.sleep(1)

        await asyncio.gather(
            sample(),
            _loads(db, files, 10.0, 20.0, loads),
            *(_viewer(page, url, i, until, times, errors, args.think)
              for i, page in enumerate(pages)),
        )
        await browser.close()
    return {"times": times, "errors": errors, "loads": loads, "memory": memory}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--rows", type=int, default=200_000, help="rows of each complaints load")
    parser.add_argument("--think", type=float, default=0.5,
                        help="seconds a viewer stays on a page before the next (0.5: a stress "
                             "test; people reading a dashboard take 10 or more)")
    args = parser.parse_args(argv)

    db = CACHE / "soak.duckdb"
    for leftover in CACHE.glob("soak.duckdb*"):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
    shutil.copy(demo_db(), db)
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for n in (1, 2):
            path = Path(folder) / f"soak_load_{n}.csv"
            generate(path, args.rows, seed=n)
            files.append(path)
        process, url = start_server(db)
        started = time.monotonic()
        try:
            found = asyncio.run(_run(url, process.pid, db, args, files))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    times, errors = sorted(found["times"]), found["errors"]
    print(f"\nSoak: {args.viewers} viewers ({args.think:g} s on each page) for {args.seconds:.0f} s "
          f"({time.monotonic() - started:.0f} s with start-up), two overlapping loads of "
          f"{args.rows:,} complaint rows")
    if times:
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"  page loads   {len(times)}  p50 {p50:.2f} s  p95 {p95:.2f} s  max {times[-1]:.2f} s"
              f"  target p95 < {P95_TARGET} s: {'ok' if p95 < P95_TARGET else 'MISSED'}")
    else:
        print("  page loads   none completed")
    print(f"  errors       {len(errors)}")
    for error in sorted(set(errors))[:15]:
        print(f"    {errors.count(error)} × {error}")
    for name, code, seconds, tail in sorted(found["loads"]):
        print(f"  load {name}  exit {code}  {seconds:.1f} s  {' '.join(tail)}")
    if found["memory"]:
        print(f"  server memory  start {found['memory'][0]:.0f} MB  peak {max(found['memory']):.0f} MB"
              f"  end {found['memory'][-1]:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
