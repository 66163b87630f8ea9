"""The app's edge: who is asking, whether they may be served, and how many unauthenticated requests at once.

One ASGI middleware, ``EdgeGuard``, wraps everything ``streamlit run app.py`` serves (the UI, its websocket and
the routes of lib/routes.py):

- **Local mode stays local.** Without Supabase sign-in there is one implicit user who owns everything, so a client
  that is not this machine (a non-loopback peer, or any forwarding header naming another machine) gets a French
  403 page (the websocket is refused). Only the tracked redirects ``/r/…``, the join pages ``/j/…`` and the signed
  webhooks ``/hooks/…`` are served to the network: they authenticate themselves and reveal nothing.
- **Unauthenticated routes are capped.** ``/hooks/…`` (bodies), ``/r/…``, ``/i/…`` and ``/j/…`` (links) and
  ``/healthz`` each have their own cap of requests in flight in this process; past it the answer is an immediate
  503 that closes the connection, so a crowd of slow clients holds a bounded number of sockets and the other
  groups, and the UI, keep answering. How long one body may take is bounded by the one body reader, lib/hooks.read_body.
- **No framing by other sites.** Every HTTP answer carries ``X-Frame-Options: SAMEORIGIN`` and
  ``Content-Security-Policy: frame-ancestors 'self'`` (Streamlit frames its own components, same origin).

Client identity (``client_address``): the TCP peer, unless the peer is a trusted proxy (``TRUSTED_PROXIES``,
addresses or networks separated by commas, e.g. ``127.0.0.1,::1``): then the rightmost address of
``X-Forwarded-For`` (else ``Forwarded: for=``) that is not itself a trusted proxy. A header from anyone else is
never read: anybody can write one.

The in-flight counts are this process's own on purpose: they protect this process's sockets and threads, not a
figure anybody reads (docs/architecture.md: counters that matter live in the database).
"""

from __future__ import annotations

import html
import ipaddress
import logging
import re
import time
from collections.abc import Iterable, Sequence

from lib.i18n import t

log = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Paths served to the network even in local mode: they authenticate themselves and expose no contact (``/j/`` is a
# community's public join page: it takes a form, it shows nobody's data).
PUBLIC_PREFIXES = ("/r/", "/j/", "/hooks/")
# Groups of unauthenticated routes, each with its own cap of requests in flight (setting, default).
CAPPED_GROUPS = {
    "hooks": (("/hooks/",), "CERCLE_HOOKS_CONCURRENCY", 32),
    "links": (("/r/", "/i/", "/j/"), "CERCLE_LINKS_CONCURRENCY", 128),
    "health": (("/healthz",), "CERCLE_HEALTH_CONCURRENCY", 16),
}
FRAME_HEADERS = ((b"x-frame-options", b"SAMEORIGIN"),)
FRAME_ANCESTORS = b"frame-ancestors 'self'"


# --- addresses -------------------------------------------------------------------------------------------------


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("["):  # [2001:db8::1]:4711 (Forwarded) or [::1]
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # 192.0.2.1:4711
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def normal_address(text: str) -> str:
    """``text`` as an address in canonical form (port, brackets and IPv4-mapped prefix removed), else as given."""
    address = _address(text)
    return str(address) if address is not None else text.strip()


def is_loopback(text: str | None) -> bool:
    address = _address(text or "")
    return address is not None and address.is_loopback


def parse_networks(text: str | None) -> tuple[Network, ...]:
    """``127.0.0.1, ::1, 10.0.0.0/8`` → networks; an entry that is not an address or a network is skipped (logged)."""
    networks = []
    for item in (text or "").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            network = ipaddress.ip_network(item, strict=False)
        except ValueError:
            log.warning("TRUSTED_PROXIES: %r is not an address or a network, ignored", item)
            continue
        networks.append(network)
    return tuple(networks)


def _trusted(text: str, networks: Sequence[Network]) -> bool:
    address = _address(text)
    return address is not None and any(address in network for network in networks)


_FOR = re.compile(r'(?:^|[;,\s])for\s*=\s*("[^"]*"|[^;,\s]+)', re.IGNORECASE)


def forwarded_chain(headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
    """The client addresses proxies wrote, left (first client) to right (last proxy's peer): every
    ``X-Forwarded-For`` in order, else the ``for=`` of every ``Forwarded``."""
    forwarded_for: list[str] = []
    forwarded: list[str] = []
    for name, value in headers:
        name = name.lower()
        if name == b"x-forwarded-for":
            forwarded_for.extend(item.strip() for item in value.decode("latin-1").split(",") if item.strip())
        elif name == b"forwarded":
            forwarded.extend(match.strip('"') for match in _FOR.findall(value.decode("latin-1")))
    return forwarded_for or forwarded


def client_address(peer: str | None, headers: Iterable[tuple[bytes, bytes]], trusted: Sequence[Network]) -> str:
    """Who is asking: the peer, or, when the peer is a trusted proxy, the rightmost forwarded address that is not a
    trusted proxy (the leftmost one when every hop is trusted)."""
    peer = peer or ""
    if not trusted or not _trusted(peer, trusted):
        return normal_address(peer)
    chain = forwarded_chain(headers)
    for item in reversed(chain):
        if not _trusted(item, trusted):
            return normal_address(item)
    return normal_address(chain[0]) if chain else normal_address(peer)


# Headers by which a proxy on this machine says whom it relays, beyond X-Forwarded-For and Forwarded (nginx's
# X-Real-IP is a common one): any of them naming something else means the request is not this machine's own.
_RELAY_HEADERS = (b"x-real-ip", b"x-client-ip", b"true-client-ip", b"cf-connecting-ip", b"fastly-client-ip",
                  b"x-cluster-client-ip", b"x-original-forwarded-for")


def _relayed(headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
    return [item.strip() for name, value in headers if name.lower() in _RELAY_HEADERS
            for item in value.decode("latin-1").split(",") if item.strip()]


def is_local(peer: str | None, headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """This machine asking directly: a loopback peer, and no forwarding header (X-Forwarded-For, Forwarded,
    X-Real-IP and their kin) naming anything but loopback (a proxy on this machine relays other machines: it is not
    local, trusted or not)."""
    headers = list(headers)
    return is_loopback(peer) and all(is_loopback(item) for item in forwarded_chain(headers) + _relayed(headers))


# --- the middleware --------------------------------------------------------------------------------------------


def _int_setting(name: str, default: int) -> int:
    from lib.settings import setting

    try:
        return max(1, int(setting(name, str(default)) or default))
    except ValueError:
        return default


def _group(path: str) -> str | None:
    for group, (prefixes, _, _) in CAPPED_GROUPS.items():
        if any(path.startswith(prefix) or path == prefix.rstrip("/") for prefix in prefixes):
            return group
    return None


def _with_frame_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    names = {name.lower() for name, _ in headers}
    result = list(headers)
    if b"x-frame-options" not in names:
        result.extend(FRAME_HEADERS)
    for index, (name, value) in enumerate(result):
        if name.lower() == b"content-security-policy":
            if b"frame-ancestors" not in value:
                result[index] = (name, value.rstrip(b"; ") + b"; " + FRAME_ANCESTORS)
            break
    else:
        result.append((b"content-security-policy", FRAME_ANCESTORS))
    return result


def _page(title: str, body: str) -> bytes:
    return (f'<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex">'
            f"<title>{html.escape(title)}</title></head>"
            f'<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">'
            f"<h1>{html.escape(title)}</h1><p>{html.escape(body)}</p></body></html>").encode()


async def _respond(send, status: int, body: bytes, content_type: bytes, extra=()) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store"), (b"connection", b"close"), *extra]
    await send({"type": "http.response.start", "status": status, "headers": _with_frame_headers(headers)})
    await send({"type": "http.response.body", "body": body})


class EdgeGuard:
    """ASGI middleware: local mode served to this machine only, caps on unauthenticated routes, frame headers.

    ``sign_in_required``, ``trusted`` and ``caps`` default to the settings (read on the first request).
    """

    def __init__(self, app, *, sign_in_required: bool | None = None, trusted: Sequence[Network] | None = None,
                 caps: dict[str, int] | None = None) -> None:
        self.app = app
        self._sign_in_required = sign_in_required
        self._settings_sign_in = sign_in_required is None
        self._checked_at = 0.0
        self.trusted = tuple(trusted) if trusted is not None else None
        self.caps = dict(caps) if caps is not None else None
        self.in_flight = {group: 0 for group in CAPPED_GROUPS}

    def _configure(self) -> None:
        from lib.settings import load_settings, setting

        if self._sign_in_required is None:
            self._sign_in_required = load_settings().sign_in_required
            self._checked_at = time.monotonic()
        if self.trusted is None:
            self.trusted = parse_networks(setting("TRUSTED_PROXIES"))
        if self.caps is None:
            self.caps = {group: _int_setting(name, default) for group, (_, name, default) in CAPPED_GROUPS.items()}

    async def __call__(self, scope, receive, send) -> None:
        kind = scope.get("type")
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.caps is None:
            self._configure()
        path = scope.get("path", "")
        peer = (scope.get("client") or ("", 0))[0]
        headers = scope.get("headers") or []
        if not path.startswith(PUBLIC_PREFIXES) and not is_local(peer, headers) and not self._signs_in():
            await self._refuse(kind, scope, receive, send)
            return
        if kind == "websocket":
            await self.app(scope, receive, send)
            return
        group = _group(path)
        if group is not None and self.in_flight[group] >= self.caps[group]:
            log.warning("edge: %s busy (%d in flight), answered 503", group, self.in_flight[group])
            await _respond(send, 503, t("edge.busy", language="fr").encode(), b"text/plain; charset=utf-8",
                           [(b"retry-after", b"5")])
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _with_frame_headers(list(message.get("headers") or []))}
            await send(message)

        if group is None:
            await self.app(scope, receive, send_with_headers)
            return
        self.in_flight[group] += 1
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            self.in_flight[group] -= 1

    def _signs_in(self) -> bool:
        """Whether sign-in is configured. Once seen configured, for good; until then read again every few seconds,
        so that settings Streamlit exposes after the first request (its secrets) are not missed for ever."""
        if not self._sign_in_required and self._settings_sign_in and time.monotonic() - self._checked_at > 5:
            from lib.settings import load_settings

            self._sign_in_required = load_settings().sign_in_required
            self._checked_at = time.monotonic()
        return bool(self._sign_in_required)

    async def _refuse(self, kind: str, scope, receive, send) -> None:
        log.warning("edge: local mode refused a client that is not this machine (%s)", scope.get("path", "")[:80])
        if kind == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})
            return
        await _respond(send, 403, _page(t("edge.local_only.title", language="fr"),
                                        t("edge.local_only.body", language="fr")), b"text/html; charset=utf-8")


def raise_open_files_limit() -> tuple[int, int] | None:
    """Raises this process's soft limit of open files to its hard limit (Debian's default soft limit, 1024, is
    what a crowd of connections exhausted first). Returns (before, after), or None where there is no such limit."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            return soft, soft
        return soft, wanted
    return soft, soft


def _header_deadline_setting() -> float:
    from lib.settings import setting

    try:
        return max(0.5, float(setting("CERCLE_HEADER_DEADLINE", "15") or 15))
    except ValueError:
        return 15.0


def install_header_deadline(seconds: float | None = None) -> bool:
    """Closes a connection whose first request has not sent its headers within ``seconds`` (default the
    ``CERCLE_HEADER_DEADLINE`` setting, 15 s). uvicorn (the server ``streamlit run`` starts) waits forever for them,
    so idle or trickling connections held one file each until the process ran out; later requests on a kept-alive
    connection are already bounded by uvicorn's keep-alive timeout. Applies to the h11 protocol uvicorn uses here;
    returns whether it was installed (once per process)."""
    try:
        from uvicorn.protocols.http.h11_impl import H11Protocol
    except ImportError:  # pragma: no cover - another server
        return False
    if getattr(H11Protocol, "_cercle_header_deadline", None) is not None:
        return True
    deadline = _header_deadline_setting() if seconds is None else seconds
    original = H11Protocol.connection_made

    def connection_made(self, transport) -> None:
        original(self, transport)

        def expire() -> None:
            # no request line and headers yet (self.headers is set by the first one, a websocket upgrade included,
            # after which the transport belongs to the websocket protocol)
            if self.headers is None and transport.get_protocol() is self and not transport.is_closing():
                log.info("edge: a connection sent no request within %.0f s, closed", deadline)
                transport.close()

        self.loop.call_later(deadline, expire)

    H11Protocol.connection_made = connection_made
    H11Protocol._cercle_header_deadline = deadline
    return True
