"""One `streamlit run app.py` per test module and Debian's Chromium driven by Playwright.

Missing Chromium fails the run: browser tests are not optional.
"""

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

from tests.conftest import PROJECT_ROOT, fresh_database

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


@pytest.fixture(scope="module")
def database_of_server(pg_server_url) -> str:
    """The database the module's server uses: empty, as on a fresh install."""
    return fresh_database(pg_server_url)


@pytest.fixture(scope="module")
def server_with_demo(server, database_of_server) -> str:
    """The module's server, with the demo loaded by the CLI (a second process on the same database)."""
    env = dict(os.environ, DATABASE_URL=database_of_server)
    result = subprocess.run([sys.executable, "-m", "lib.cli", "demo", "--workspace", "mon-domaine"],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return server


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


@pytest.fixture(scope="module")
def server(database_of_server, tmp_path_factory):
    """Base URL of a running Cercle on a free port, on a database of its own: a fresh install."""
    with running_streamlit(database_of_server, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium (/usr/bin/chromium) is required for the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    tab = context.new_page()
    yield tab
    context.close()
