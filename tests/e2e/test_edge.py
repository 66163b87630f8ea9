"""The real server under hostile clients: slow bodies, a proxy's forwarded visitors, framing."""

from __future__ import annotations

import contextlib
import socket
import time

import pytest

from tests.support.browser import running_streamlit
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


def test_connections_that_never_finish_their_headers_are_closed(database_of_server, tmp_path_factory):
    with running_streamlit(database_of_server, tmp_path_factory.mktemp("streamlit"),
                           CERCLE_HEADER_DEADLINE="2") as url, contextlib.ExitStack() as stack:
        host, port = url.removeprefix("http://").split(":")
        idle = [stack.enter_context(socket.create_connection((host, int(port)), timeout=30)) for _ in range(20)]
        trickling = [stack.enter_context(socket.create_connection((host, int(port)), timeout=30)) for _ in range(20)]
        for sock in trickling:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never the blank line that ends the headers
        # the server closes them all (recv returns b"" or the connection is reset), and still answers others
        for sock in idle + trickling:
            with contextlib.suppress(ConnectionResetError):
                assert sock.recv(1024) == b""
        assert get(url, "/healthz")[0] == 200
        # a websocket (the UI's) outlives the deadline: the deadline is for a first request's headers only
        ws = stack.enter_context(socket.create_connection((host, int(port)), timeout=30))
        ws.sendall(b"GET /_stcore/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        assert ws.recv(1024).startswith(b"HTTP/1.1 101")
        time.sleep(3)
        ws.sendall(b"\x89\x80\x00\x00\x00\x00")  # a masked ping: answered by a pong if the socket is still open
        assert ws.recv(16)[:1] == b"\x8a"
