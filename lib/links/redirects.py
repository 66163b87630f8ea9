"""``GET|HEAD /r/{code}``: the tracked redirect in front of an invite or shop link.

It runs without a user, so it never reads tenant tables itself: inside a ``Database.admin()`` transaction it
switches to role ``anon`` (which bypasses no row level security and may read no table) and calls the two
security-definer functions of ``cercle_redirect``: ``resolve_link`` (destination, enabled, expired, community
name of one code) and ``record_click`` (one insert, repeats stopped by the primary key).

- A person gets a 302 to the destination stored for the code, and is counted once per sliding hour (and, from
  one address, at most ``CLICKS_PER_ADDRESS_MINUTE`` a minute and ``CLICKS_PER_ADDRESS_HOUR`` an hour, whatever
  the user agents); behind a proxy the person is the address its forwarding headers name, when it is trusted;
- HEAD gets the same status and is not counted;
- link-preview crawlers (WhatsApp, Telegram, Facebook...) get a small OpenGraph page and are not counted;
- unknown, disabled or expired codes get a French 404 page. The query string and anything after the code are
  never read: they cannot change where a visitor is sent.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import html
import ipaddress
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import psycopg
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from lib import clock
from lib.db import Database, DatabaseUnavailable, get_database
from lib.edge import client_address, parse_networks
from lib.i18n import t
from lib.links import is_code

log = logging.getLogger(__name__)

# Link-preview crawlers and bots in general, by name (tests/unit/test_links.py holds a real user agent of each):
# WhatsApp, and Signal (it fetches previews as "WhatsApp/2"); Telegram; Facebook, Messenger and Instagram
# (facebookexternalhit, Facebot, meta-externalagent); iMessage (it announces itself as facebookexternalhit and
# Twitterbot) and Applebot; Viber (its fetcher starts "Viber/"); Snapchat ("Snap URL Preview Service"); Slack;
# Twitter/X; LinkedIn; Discord; Skype and Teams (SkypeUriPreview); Outlook and the Office apps ("Microsoft
# Office", "MSOffice", "ms-office", "Microsoft Outlook"); Google (Google-PageRenderer, GoogleOther,
# Google-InspectionTool, Googlebot); Bing preview, Pinterest, Reddit, Mastodon, Embedly, Iframely, VK, LINE,
# KakaoTalk; generic clients (curl, wget, python-requests, Go, Java, okhttp, headless browsers). Not the in-app
# browsers of those apps (Snapchat's, Instagram's, Facebook's...): a person reading there counts.
# "cubot" is an Android phone brand, not a crawler.
_BOT = re.compile(
    r"whatsapp|telegrambot|facebookexternalhit|facebot|facebookcatalog|meta-externalagent|meta-externalfetcher"
    r"|twitterbot|slackbot|slack-imgproxy|linkedinbot|discordbot|skypeuripreview|applebot|pinterest|redditbot"
    r"|embedly|iframely|vkshare|w3c_validator|^viber|snap url preview|mastodon|bitlybot"
    r"|microsoft office|msoffice|ms-office|microsoft outlook|bingpreview|google-pagerenderer"
    r"|google-inspectiontool|googleother|googlebot|google-structured-data|line-poker|linespider|kakaotalk-scrap"
    r"|(?<!cu)bot\b|bot/|crawl|spider|slurp|preview|python-requests|python-urllib|curl/|wget/|go-http-client"
    r"|okhttp|headless|axios/|node-fetch|java/",
    re.IGNORECASE,
)


def is_preview_bot(user_agent: str | None) -> bool:
    """Whether a request comes from a crawler drawing a link preview (or any bot): no user agent counts as one."""
    text = (user_agent or "").strip()
    return not text or bool(_BOT.search(text))


def visitor_hash(key: str, client_ip: str, user_agent: str) -> str:
    """HMAC-SHA256 of address and user agent: one visitor of a link (counted once per sliding hour by
    ``cercle_redirect.record_click``); the address cannot be read back from it without the key."""
    message = f"{client_ip}\x00{user_agent}".encode("utf-8", "replace")
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def source_hash(key: str, client_ip: str) -> str:
    """HMAC-SHA256 of the address alone (an IPv6 address by its /64, which one subscriber holds whole): the
    per-address cap whatever the user agents."""
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        address = None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        client_ip = str(ipaddress.ip_network(f"{address}/64", strict=False))
    message = f"address\x00{client_ip}".encode("utf-8", "replace")
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def _click_caps() -> tuple[int, int]:
    from lib.settings import setting

    caps = []
    for name, default in (("CERCLE_CLICKS_PER_ADDRESS_MINUTE", 5), ("CERCLE_CLICKS_PER_ADDRESS_HOUR", 30)):
        try:
            caps.append(max(1, int(setting(name, str(default)) or default)))
        except ValueError:
            caps.append(default)
    return caps[0], caps[1]


# Clicks counted per link from one address in a minute and in an hour, whatever its user agents (a shared office
# or a salon's Wi-Fi is one address for many people; a script rotating agents is one address too).
CLICKS_PER_ADDRESS_MINUTE, CLICKS_PER_ADDRESS_HOUR = _click_caps()


_keys: dict[str, str] = {}
_keys_lock = threading.Lock()


def visitor_key(db: Database) -> str:
    """The visitor hash key: the CERCLE_LINK_SECRET setting, else the install's random key kept in the database
    (made by the migration, read by the connecting role only), read once per process. Every process of an
    install uses the same key, so a visitor is recognised whichever replica serves them."""
    from lib.settings import setting

    with _keys_lock:
        if db.url not in _keys:
            configured = setting("CERCLE_LINK_SECRET")
            if configured:
                _keys[db.url] = configured
            else:
                with db.admin() as conn:
                    conn.execute("insert into cercle.install_secrets (name, value) values ('link_visitor_key', %s)"
                                 " on conflict (name) do nothing", (secrets.token_hex(32),))
                    row = conn.execute("select value from cercle.install_secrets where name = 'link_visitor_key'"
                                       ).fetchone()
                _keys[db.url] = row[0]
        return _keys[db.url]


@dataclass(frozen=True)
class Outcome:
    """What to answer: ``redirect`` (to ``destination``), ``preview`` (OpenGraph page) or ``not_found``."""

    kind: str
    destination: str | None = None
    community: str | None = None
    counted: bool = False


NOT_FOUND = Outcome("not_found")


def follow(db: Database, code: str, *, client_ip: str, user_agent: str, count: bool = True,
           when: dt.datetime | None = None) -> Outcome:
    """Resolves ``code`` and, for a person's GET (``count``), records the click at ``when`` (default
    ``clock.now()``). Blocking: call in a thread."""
    if not is_code(code):
        return NOT_FOUND
    bot = is_preview_bot(user_agent)
    visitor = source = None
    if count and not bot:
        key = visitor_key(db)
        visitor, source = visitor_hash(key, client_ip, user_agent), source_hash(key, client_ip)
    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203100400_anon_calls_nothing.sql
        # one round trip: the click is recorded (record_click) only for a live link and a counted visitor
        row = conn.execute(
            "select r.link_id, r.destination, r.enabled, r.expired, r.community_name,"
            " case when %(visitor)s::text is not null and r.enabled and not r.expired"
            "      then cercle_redirect.record_click(r.link_id, %(visitor)s, %(source)s, %(at)s,"
            "                                        %(per_minute)s, %(per_hour)s) else false end"
            " from cercle_redirect.resolve_link(%(code)s) r",
            {"code": code, "visitor": visitor, "source": source, "at": when or clock.now(),
             "per_minute": CLICKS_PER_ADDRESS_MINUTE, "per_hour": CLICKS_PER_ADDRESS_HOUR}).fetchone()
    if row is None:
        return NOT_FOUND
    _, destination, enabled, expired, community, counted = row
    if not enabled or expired:
        return NOT_FOUND
    if bot:
        return Outcome("preview", destination, community)
    return Outcome("redirect", destination, community, bool(counted))


class RateLimiter:
    """At most ``limit`` requests per ``window`` seconds per client IP, in this process's memory.

    Why memory and not the database: this is a flood guard, not a count anyone reads. Keeping it in Postgres
    would add a write to every request, doubling the load on the database it protects. Its limits (N replicas
    allow N times the rate; a restart forgets) do not matter for that purpose, and the click counts themselves
    stay exact in the database. Memory is bounded: past ``max_clients`` IPs the least recently seen is dropped.
    """

    def __init__(self, limit: int = 120, window: float = 60.0, max_clients: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.max_clients = max_clients
        self._windows: OrderedDict[str, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        moment = time.monotonic() if now is None else now
        with self._lock:
            started, used = self._windows.pop(client, (moment, 0))
            if moment - started >= self.window:
                started, used = moment, 0
            used += 1
            self._windows[client] = (started, used)
            while len(self._windows) > self.max_clients:
                self._windows.popitem(last=False)
            return used <= self.limit


def _default_limiter() -> RateLimiter:
    from lib.settings import setting

    try:
        limit = int(setting("CERCLE_REDIRECT_RATE_LIMIT", "120") or 120)
    except ValueError:
        limit = 120
    return RateLimiter(limit=max(1, limit))


# Requests per minute and IP; CERCLE_REDIRECT_RATE_LIMIT changes it (tests and the benchmark replace it).
RATE_LIMITER = _default_limiter()
_NO_STORE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


def _page(title: str, body: str, status: int, extra_head: str = "") -> HTMLResponse:
    text = (f'<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex">'
            f"<title>{html.escape(title)}</title>{extra_head}</head>"
            f'<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">'
            f"<h1>{html.escape(title)}</h1><p>{html.escape(body)}</p></body></html>")
    return HTMLResponse(text, status_code=status, headers=_NO_STORE)


def not_found_page() -> HTMLResponse:
    return _page(t("links.not_found.title", language="fr"), t("links.not_found.body", language="fr"), 404)


def preview_page(community: str) -> HTMLResponse:
    description = t("links.preview.description", language="fr", name=community)
    head = (f'<meta property="og:type" content="website">'
            f'<meta property="og:title" content="{html.escape(community, quote=True)}">'
            f'<meta property="og:description" content="{html.escape(description, quote=True)}">')
    return _page(community, description, 200, head)


def _trusted_proxies():
    from lib.settings import setting

    return parse_networks(setting("TRUSTED_PROXIES"))


# The proxies whose forwarding headers name the visitor (TRUSTED_PROXIES, e.g. 127.0.0.1,::1; none by default).
TRUSTED_PROXIES = _trusted_proxies()


def client_ip(request: Request) -> str:
    """Who is asking (lib/edge.client_address): the peer, or, when the peer is a trusted proxy, the visitor its
    forwarding headers name. A forwarding header from anyone else is never read: anyone can write one."""
    return client_address(request.client.host if request.client else "", request.scope.get("headers") or [],
                          TRUSTED_PROXIES)


async def redirect(request: Request) -> Response:
    ip = client_ip(request)
    if not RATE_LIMITER.allow(ip):
        response = _page(t("links.rate_limited.title", language="fr"), t("links.rate_limited", language="fr"), 429)
        response.headers["Retry-After"] = str(int(RATE_LIMITER.window))
        return response
    code = request.path_params.get("code", "")
    user_agent = request.headers.get("user-agent", "")
    try:
        database = await asyncio.to_thread(get_database)
        outcome = await asyncio.to_thread(follow, database, code, client_ip=ip, user_agent=user_agent,
                                          count=request.method == "GET")
    except (DatabaseUnavailable, psycopg.Error):
        log.exception("redirect %s failed", code[:40])
        response = _page(t("links.unavailable.title", language="fr"), t("links.unavailable", language="fr"), 503)
        response.headers["Retry-After"] = "30"
        return response
    if outcome.kind == "redirect":
        return Response(status_code=302, headers={**_NO_STORE, "Location": outcome.destination or "/"})
    if outcome.kind == "preview":
        return preview_page(outcome.community or "")
    return not_found_page()


# {code:path} so that /r/CODE/../x, /r/a%2Fb and the like get the French 404 page too (a code has no slash).
REDIRECT_ROUTE = Route("/r/{code:path}", redirect, methods=["GET", "HEAD"])
