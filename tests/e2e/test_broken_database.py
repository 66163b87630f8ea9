"""A wrong DATABASE_URL: the page and /healthz say so in French, no traceback reaches the browser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.support.browser import free_port
from tests.support.db import PROJECT_ROOT

WRONG_URL = "postgresql://cercle:mot-de-passe-secret@127.0.0.1:1/cercle?connect_timeout=2"


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    port = free_port()
    log_path = tmp_path_factory.mktemp("broken") / "server.log"
    env = dict(os.environ, DATABASE_URL=WRONG_URL, PYTHONUNBUFFERED="1")
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless",
             "true", "--server.address", "127.0.0.1"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
        except urllib.error.HTTPError:
            break  # answering, with an error status: what this test expects
        except OSError:
            time.sleep(0.3)
    yield url, log_path
    process.terminate()
    process.wait(15)


def test_healthz_answers_503_with_a_french_sentence(broken_server):
    """Readiness fails plainly: 503, the reason in French, never the password."""
    url, _ = broken_server
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url + "/healthz", timeout=20)
    assert raised.value.code == 503
    body = json.loads(raised.value.read())
    assert body["database"] == "unavailable"
    assert "Impossible de joindre la base de données" in body["message"]
    assert "mot-de-passe-secret" not in json.dumps(body)


def test_page_explains_the_problem_without_a_traceback(broken_server, page):
    """The home page shows the French sentence; no exception box, no secret; the log says it too."""
    url, log_path = broken_server
    page.goto(url + "/")
    expect(page.get_by_text("Impossible de joindre la base de données")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "mot-de-passe-secret" not in page.content()
    log = log_path.read_text()
    assert "database unavailable" in log
    assert "mot-de-passe-secret" not in log
