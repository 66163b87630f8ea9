"""Browser-test helpers: Debian's Chromium and its flags, a free port, `streamlit run app.py` started on a
database of its own, and the journey tests' moves (the sidebar, the navigation, screenshots to look at)."""


from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.db import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, log_path: Path, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited early:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"streamlit did not become ready:\n{log_path.read_text()[-3000:]}")


@contextmanager
def running_streamlit(database_url: str, log_dir: Path, **settings: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free port and ``database_url`` (plus any other settings as environment
    variables), ready to serve; yields its base URL and stops it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = Path(log_dir) / "server.log"
    env = dict(os.environ, DATABASE_URL=database_url, PYTHONUNBUFFERED="1", PUBLIC_BASE_URL=url, **settings)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_ready(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


SETTLE_MS = 1500


def settle(page) -> None:
    """Waits until Streamlit has finished the current run (no running indicator, network quiet)."""
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    page.wait_for_timeout(300)


def open_page(page, name: str) -> None:
    """Clicks ``name`` in the sidebar's navigation, as a marketer does."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    settle(page)


def sidebar_choice(page, key: str):
    """The sidebar selectbox whose key is ``key`` (its combobox's value is the option shown)."""
    return page.get_by_test_id("stSidebar").locator(f".st-key-{key}")


def expect_sidebar_choice(page, key: str, option: str, timeout: float = 30_000) -> None:
    expect(sidebar_choice(page, key).get_by_role("combobox")).to_have_value(option, timeout=timeout)


def pick_in_sidebar(page, key: str, option: str) -> None:
    sidebar_choice(page, key).get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=option).click()
    settle(page)


def shoot(page, folder: Path, name: str) -> Path:
    """A full-page PNG kept for a person to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
