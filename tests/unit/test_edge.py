"""lib/edge: local mode served to this machine only, client identity behind trusted proxies, caps, frame headers."""

from __future__ import annotations

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from lib.edge import EdgeGuard, client_address, is_local, parse_networks
from tests.support.aio import run as run_coroutine

LAN = ("192.168.1.23", 51000)
LOOPBACK = ("127.0.0.1", 51000)


async def _contacts(_request):
    return PlainTextResponse("toutes les fiches")


async def _ws(websocket):
    await websocket.accept()
    await websocket.send_text("bonjour")
    await websocket.close()


def _app(**guard) -> Starlette:
    routes = [Route("/", _contacts), Route("/healthz", _contacts), Route("/r/{code}", _contacts),
              Route("/j/{code}", _contacts, methods=["GET", "POST"]),
              Route("/hooks/shopify", _contacts, methods=["POST"]), Route("/i/{token}", _contacts),
              WebSocketRoute("/_stcore/stream", _ws)]
    return Starlette(routes=routes, middleware=[Middleware(EdgeGuard, **guard)])


def test_local_mode_refuses_a_client_on_the_network_with_a_french_sentence():
    client = TestClient(_app(sign_in_required=False, trusted=()), client=LAN)
    for path in ("/", "/healthz", "/i/AbCdEfGhIjKlMnOpQrStUv"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "toutes les fiches" not in response.text
        assert "ouvert que sur cet ordinateur" in response.text and response.headers["connection"] == "close"
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/_stcore/stream") as websocket:
        websocket.receive_text()


def test_local_mode_still_serves_links_and_signed_webhooks_to_the_network():
    client = TestClient(_app(sign_in_required=False, trusted=()), client=LAN)
    assert client.get("/r/Ab3dEf7hJk").status_code == 200
    assert client.get("/j/Ab3dEf7hJk").status_code == 200  # a community's join page: a form, nobody's data
    assert client.post("/hooks/shopify", content=b"{}").status_code == 200


def test_local_mode_serves_this_machine():
    client = TestClient(_app(sign_in_required=False, trusted=()), client=LOOPBACK)
    assert client.get("/").text == "toutes les fiches"
    with client.websocket_connect("/_stcore/stream") as websocket:
        assert websocket.receive_text() == "bonjour"
    assert TestClient(_app(sign_in_required=False, trusted=()), client=("::1", 4000)).get("/").status_code == 200


def test_local_mode_behind_a_proxy_on_this_machine_is_not_local():
    # the documented proxy runs on 127.0.0.1: the peer is loopback, the visitor is not
    client = TestClient(_app(sign_in_required=False, trusted=parse_networks("127.0.0.1")), client=LOOPBACK)
    assert client.get("/", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 403
    assert client.get("/", headers={"Forwarded": "for=203.0.113.7;proto=https"}).status_code == 403
    for header in ("X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP"):  # nginx's usual one, and kin
        assert client.get("/", headers={header: "203.0.113.7"}).status_code == 403, header
    assert client.get("/", headers={"X-Real-IP": "127.0.0.1"}).status_code != 403
    assert client.get("/", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200


def test_a_signed_in_instance_serves_the_network():
    client = TestClient(_app(sign_in_required=True, trusted=()), client=LAN)
    assert client.get("/").text == "toutes les fiches"


def test_every_answer_forbids_framing_by_other_sites():
    client = TestClient(_app(sign_in_required=False, trusted=()), client=LOOPBACK)
    for response in (client.get("/"), client.get("/r/Ab3dEf7hJk"), TestClient(
            _app(sign_in_required=False, trusted=()), client=LAN).get("/")):
        assert response.headers["x-frame-options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]


def test_client_address_reads_forwarding_headers_only_from_a_trusted_proxy():
    trusted = parse_networks("127.0.0.1, ::1, 10.0.0.0/8")
    forged = [(b"x-forwarded-for", b"198.51.100.1")]
    assert client_address("203.0.113.9", forged, trusted) == "203.0.113.9"  # not a proxy: header ignored
    assert client_address("127.0.0.1", forged, ()) == "127.0.0.1"  # no proxy configured
    assert client_address("127.0.0.1", forged, trusted) == "198.51.100.1"
    # the visitor forges a first hop; the proxy appends the real peer: the rightmost untrusted wins
    chain = [(b"x-forwarded-for", b"1.2.3.4, 198.51.100.1, 10.1.2.3")]
    assert client_address("127.0.0.1", chain, trusted) == "198.51.100.1"
    assert client_address("::1", [(b"forwarded", b'for="[2001:db8::7]:4711";proto=https')], trusted) == "2001:db8::7"
    assert client_address("::ffff:127.0.0.1", [(b"x-forwarded-for", b"198.51.100.1:5555")],
                          trusted) == "198.51.100.1"


def test_is_local():
    assert is_local("127.0.0.1", [])
    assert is_local("::1", [])
    assert not is_local("192.168.1.23", [])
    assert not is_local("testclient", [])
    assert not is_local("127.0.0.1", [(b"x-forwarded-for", b"192.168.1.23")])
    assert not is_local("127.0.0.1", [(b"forwarded", b"for=unknown")])


def test_past_the_cap_an_unauthenticated_route_answers_503_at_once_and_others_still_answer():
    release = asyncio.Event()

    async def slow(_request):
        await release.wait()
        return PlainTextResponse("ok")

    async def fast(_request):
        return PlainTextResponse("ok")

    guard_app = Starlette(routes=[Route("/hooks/shopify", slow, methods=["POST"]), Route("/r/{code}", fast)])
    guard = EdgeGuard(guard_app, sign_in_required=True, trusted=(), caps={"hooks": 2, "links": 2, "health": 2})
    answers: list[tuple[int, dict]] = []

    async def call(path: str, method: str = "GET") -> None:
        scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
                 "headers": [], "client": LAN, "server": ("127.0.0.1", 8501), "scheme": "http",
                 "http_version": "1.1", "root_path": "", "asgi": {"version": "3.0"}}
        started: dict = {}

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                started.update(status=message["status"], headers=dict(message["headers"]))
                answers.append((message["status"], started["headers"]))

        await guard(scope, receive, send)

    async def scenario():
        held = [asyncio.create_task(call("/hooks/shopify", "POST")) for _ in range(2)]
        await asyncio.sleep(0.05)
        assert guard.in_flight["hooks"] == 2
        await call("/hooks/shopify", "POST")
        assert answers[-1][0] == 503 and answers[-1][1][b"connection"] == b"close"
        await call("/r/Ab3dEf7hJk")
        assert answers[-1][0] == 200
        release.set()
        await asyncio.gather(*held)
        assert guard.in_flight["hooks"] == 0

    run_coroutine(scenario())


def test_the_apps_middleware_refuses_the_network_in_local_mode(monkeypatch):
    from lib.routes import MIDDLEWARE, ROUTES

    for name in ("SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_PUBLISHABLE_KEY", "SUPABASE_KEY"):
        monkeypatch.setenv(name, "")
    monkeypatch.setattr("lib.settings._secrets", lambda: {})
    from lib.db import DatabaseUnavailable

    def no_database():
        raise DatabaseUnavailable("unreachable", target="test")

    monkeypatch.setattr("lib.links.redirects.get_database", no_database)
    monkeypatch.setattr("lib.routes.get_database", no_database)
    client = TestClient(Starlette(routes=ROUTES, middleware=MIDDLEWARE), client=LAN)
    assert client.get("/healthz").status_code == 403
    assert client.get("/r/Ab3dEf7hJk").status_code == 503  # links stay public (here: the database is down)
    local = TestClient(Starlette(routes=ROUTES, middleware=MIDDLEWARE), client=LOOPBACK)
    assert local.get("/healthz").status_code == 503


def test_sign_in_configured_after_the_first_request_is_seen(monkeypatch):
    import lib.edge

    monkeypatch.setattr("lib.settings._secrets", lambda: {})
    monkeypatch.setenv("SUPABASE_ANON_KEY", "public-anon-key")
    monkeypatch.setenv("SUPABASE_URL", "")
    clock = [1000.0]
    monkeypatch.setattr(lib.edge.time, "monotonic", lambda: clock[0])
    client = TestClient(_app(trusted=()), client=LAN)
    assert client.get("/").status_code == 403
    monkeypatch.setenv("SUPABASE_URL", "https://projet.supabase.co")  # e.g. Streamlit's secrets, exposed later
    clock[0] += 10
    assert client.get("/").status_code == 200
