"""One `streamlit run app.py` per test module and Debian's Chromium driven by Playwright.

Missing Chromium fails the run: browser tests are not optional.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, running_streamlit
from tests.support.db import PROJECT_ROOT, fresh_database


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
