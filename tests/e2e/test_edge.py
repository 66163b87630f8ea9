"""The real server under hostile clients: slow bodies, a proxy's forwarded visitors, framing."""

from __future__ import annotations

import contextlib
import time

import pytest

from tests.e2e.conftest import running_streamlit
from tests.support.http import get, read_status, slow_post

SLOW = 50
CAP = 10


@pytest.fixture(scope="module")
def guarded_server(database_of_server, tmp_path_factory):
    """Cercle with a lowered cap of webhooks in flight and a short body deadline."""
    with running_streamlit(database_of_server, tmp_path_factory.mktemp("streamlit"),
                           CERCLE_HOOKS_CONCURRENCY=str(CAP), CERCLE_BODY_DEADLINE="8") as url:
        yield url


def test_slow_bodies_are_capped_and_cut_off_while_the_app_keeps_answering(guarded_server):
    sockets = []
    with contextlib.ExitStack() as stack:
        for _ in range(SLOW):
            sockets.append(stack.enter_context(slow_post(guarded_server, "/hooks/shopify")))
            time.sleep(0.01)
        # while the slow ones hold their connections, the app, the links and the health probe answer
        assert get(guarded_server, "/healthz")[0] == 200
        assert get(guarded_server, "/r/Ab3dEf7hJk")[0] == 404
        assert get(guarded_server, "/")[0] == 200
        # past the cap: refused at once (503, connection closed); the others are cut off at the deadline (408)
        for sock in sockets:  # one more byte each: far too slow for a 1 MB body
            with contextlib.suppress(OSError):
                sock.sendall(b" ")
        statuses = [read_status(sock) for sock in sockets]
        assert statuses.count(503) == SLOW - CAP and statuses.count(408) == CAP, statuses
        assert get(guarded_server, "/healthz")[0] == 200


def test_a_visitor_relayed_by_a_proxy_on_this_machine_is_refused_in_local_mode(guarded_server):
    assert get(guarded_server, "/", {"X-Forwarded-For": "203.0.113.7"})[0] == 403
    assert get(guarded_server, "/healthz", {"X-Forwarded-For": "203.0.113.7"})[0] == 403
    assert get(guarded_server, "/r/Ab3dEf7hJk", {"X-Forwarded-For": "203.0.113.7"})[0] == 404  # links stay public


def test_no_page_or_route_can_be_framed_by_another_site(guarded_server):
    for path in ("/", "/healthz", "/r/Ab3dEf7hJk"):
        _, headers = get(guarded_server, path)
        assert headers.get("x-frame-options") == "SAMEORIGIN", path
        assert "frame-ancestors 'self'" in headers.get("content-security-policy", ""), path
