"""The conversions page drawn in Chromium over 1,000,000 contacts and 200,000 orders, against Réglages.

A running Cercle (`streamlit run app.py`) on a fresh embedded database filled like bench/conversions.py. Three
timings, each the median of several fresh browser contexts, load average printed:

- moving to Conversions from another page of the app (the usual way in): click → the last table is drawn, the
  app is idle and every chart has its marks;
- opening /conversions cold (a new tab: Streamlit's scripts, the session, then the page);
- opening /reglages cold, in the same run: the fixed cost of a cold open, which no page can go below.

Usage: python bench/conversions_page.py [--contacts N] [--orders N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

CHARTS_DRAWN = ("() => [...document.querySelectorAll('.vega-embed')]"
                ".filter(e => e.querySelector('canvas, svg.marks')).length >= {charts}")
IDLE = "() => !document.querySelector('[data-testid=stStatusWidget]')"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def fill(data_dir: Path, contacts: int, orders: int) -> None:
    """The local user's workspace filled as bench/conversions.py fills its own, then vacuumed."""
    os.environ["CERCLE_DATA_DIR"] = str(data_dir)
    import psycopg

    from bench.conversions import build
    from lib.db import LOCAL_USER, close_database, get_database
    from lib.workspaces import LOCAL_WORKSPACE_SLUG, ensure_workspace

    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, LOCAL_WORKSPACE_SLUG, "Bench")
    build(db, LOCAL_USER, workspace.id, contacts, orders)
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute("vacuum analyze public.contacts, public.orders, public.link_clicks")
    close_database()


def serve(data_dir: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, CERCLE_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1"], cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"streamlit did not start:\n{log.read_text()[-2000:]}")


def measure(browser, url: str, runs: int, *, open_path: str | None, click: str | None, done_text: str,
            charts: int) -> list[float]:
    times = []
    for _ in range(runs + 1):  # the first run warms the server's plans and caches; it is left out
        context = browser.new_context(viewport={"width": 1400, "height": 7000}, locale="fr-FR")
        page = context.new_page()
        if click:
            page.goto(url)
            page.wait_for_selector("h1", timeout=120_000)
            page.wait_for_function(IDLE, timeout=120_000)
        begin = time.perf_counter()
        if click:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=click).click()
        else:
            page.goto(url + open_path)
        page.wait_for_selector(f"text={done_text}", timeout=120_000)
        page.wait_for_function(IDLE, timeout=120_000)
        if charts:
            page.wait_for_function(CHARTS_DRAWN.format(charts=charts), timeout=120_000)
        times.append(time.perf_counter() - begin)
        context.close()
    return times[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from tests.support.browser import free_port

    with tempfile.TemporaryDirectory(prefix="cercle-bench-page-") as folder:
        data_dir = Path(folder)
        start = time.perf_counter()
        fill(data_dir, args.contacts, args.orders)
        print(f"filled {args.contacts:,} contacts and {args.orders:,} orders in {time.perf_counter() - start:.0f} s")
        port = free_port()
        server = serve(data_dir, port, data_dir / "server.log")
        url = f"http://127.0.0.1:{port}"
        # above 100,000 contacts the segment heatmap waits for a click: four charts are drawn
        charts = 4 if args.contacts > 100_000 else 5
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                moved = measure(browser, url, args.runs, open_path=None, click="Conversions",
                                done_text="Dernières commandes et leur rattachement", charts=charts)
                cold = measure(browser, url, args.runs, open_path="/conversions", click=None,
                               done_text="Dernières commandes et leur rattachement", charts=charts)
                baseline = measure(browser, url, args.runs, open_path="/reglages", click=None,
                                   done_text="Journal d'activité", charts=0)
                browser.close()
        finally:
            server.terminate()
            server.wait(30)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, {args.runs} runs each")
    print(f"Conversions, from another page of the app: median {statistics.median(moved):.2f} s "
          f"(min {min(moved):.2f}, max {max(moved):.2f}) (target < 2 s)")
    print(f"Conversions, opened cold in a new tab:   median {statistics.median(cold):.2f} s "
          f"(min {min(cold):.2f}, max {max(cold):.2f})")
    print(f"Réglages, opened cold (fixed cost):      median {statistics.median(baseline):.2f} s "
          f"(min {min(baseline):.2f}, max {max(baseline):.2f})")
    print(f"ratio cold Conversions / cold Réglages: {statistics.median(cold) / statistics.median(baseline):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
