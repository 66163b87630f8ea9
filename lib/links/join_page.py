"""``GET|POST /j/{code}``: a community's public join page, the form behind a QR code.

Plain, small HTML (no JavaScript, no Streamlit session), French unless the browser prefers English. It acts only
as role ``service_role`` through the functions of schema ``cercle_join`` (see lib/links/join.py), so it can
write nothing outside the page's own workspace.

- GET: the form with a fresh signed token; a person's view counts once per hour; link-preview bots get a small
  OpenGraph page and are not counted; unknown or disabled codes get a 404.
- POST: body bounded in size and read time; every form sent is noted for the rate limits (per visitor, per page,
  in the database); a filled honeypot is answered like a success and nothing is stored; a forged, expired or
  replayed token, a too-long or wrong field are refused with the form again (status 400, fields as typed, all
  escaped); a valid form creates or completes the contact with the proof of each consent, notes the sign-up and
  ends in a 303 to the community's invite link (or to a thank-you page when it has none).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
from urllib.parse import parse_qs

import psycopg
from psycopg.types.json import Jsonb
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from lib.db import Database, DatabaseUnavailable, get_database
from lib.hooks import BodyRefused, read_body
from lib.i18n import t
from lib.links import is_code
from lib.links.join import (
    BUDGET_BANDS,
    PageInfo,
    Submission,
    check_token,
    client_hash,
    consent_wording,
    form_key,
    make_token,
    proofs_for,
    read_submission,
)
from lib.links.redirects import RateLimiter, client_ip, is_preview_bot, visitor_hash, visitor_key

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024
READ_TIMEOUT = 10.0  # seconds to send the whole body


def _limit(name: str, default: int) -> int:
    from lib.settings import setting

    try:
        return max(1, int(setting(name, str(default)) or default))
    except ValueError:
        return default


# Forms per address in ten minutes (a salon's shared Wi-Fi is one address: not too low), and per page in a minute;
# CERCLE_JOIN_LIMIT_VISITOR / CERCLE_JOIN_LIMIT_PAGE change them (tests and the benchmark replace them).
LIMITS = {"per_visitor": _limit("CERCLE_JOIN_LIMIT_VISITOR", 20), "per_page": _limit("CERCLE_JOIN_LIMIT_PAGE", 300)}
# Page loads per minute and address, in this process's memory: a flood guard like /r/'s (the form limits that
# count are in the database). And at most this many join requests at once in this process; more get a 503.
PAGE_RATE_LIMITER = RateLimiter(limit=120)
MAX_CONCURRENT = 64
_in_flight = 0
HONEYPOT = "website"
TOKEN_FIELD = "token"
_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
                                       " base-uri 'none'; frame-ancestors 'none'"}
_STYLE = (
    "*{box-sizing:border-box}body{font:16px/1.45 system-ui,-apple-system,sans-serif;margin:0;background:#faf7f2;"
    "color:#222}main{max-width:30rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}"
    "label{display:block;margin:.8rem 0 .2rem;font-weight:600}input[type=text],input[type=tel],input[type=email]"
    "{width:100%;padding:.7rem;font-size:1rem;border:1px solid #bbb;border-radius:.4rem;background:#fff}"
    "fieldset{border:1px solid #ddd;border-radius:.4rem;margin:1rem 0;padding:.5rem .8rem}"
    "legend{font-weight:600}.box{display:flex;gap:.6rem;align-items:flex-start;margin:.5rem 0;font-weight:400}"
    ".box input{margin-top:.25rem;width:1.2rem;height:1.2rem;flex:none}"
    "button,.button{display:block;width:100%;padding:.9rem;margin:1.2rem 0;font-size:1.1rem;font-weight:700;"
    "color:#fff;background:#7a1f3d;border:0;border-radius:.5rem;text-align:center;text-decoration:none}"
    ".errors{background:#fde8e8;border:1px solid #c33;border-radius:.4rem;padding:.6rem .8rem;color:#8a1111}"
    ".hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}"
    "small,.notice{color:#555;font-size:.85rem}.evin{font-weight:600;text-align:center;margin:1rem 0}"
)


def language_of(request: Request) -> str:
    """French unless the browser's Accept-Language ranks English above French."""
    best: dict[str, float] = {}
    for part in request.headers.get("accept-language", "")[:500].split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()[:2]
        quality = 1.0
        for piece in pieces[1:]:
            if piece.strip().startswith("q="):
                try:
                    quality = float(piece.strip()[2:])
                except ValueError:
                    quality = 0.0
        if tag in ("fr", "en"):
            best[tag] = max(best.get(tag, 0.0), quality)
    return "en" if best.get("en", 0.0) > best.get("fr", 0.0) else "fr"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _document(title: str, body: str, status: int, language: str, head: str = "") -> HTMLResponse:
    text = (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{_e(title)}</title>{head}<style>{_STYLE}</style>'
            f"</head><body><main>{body}</main></body></html>")
    return HTMLResponse(text, status_code=status, headers=_HEADERS)


def not_found(language: str = "fr") -> HTMLResponse:
    return _document(t("join.not_found.title", language), f"<h1>{_e(t('join.not_found.title', language))}</h1>"
                     f"<p>{_e(t('join.not_found.body', language))}</p>", 404, language)


def unavailable(language: str) -> HTMLResponse:
    response = _document(t("join.unavailable.title", language), f"<h1>{_e(t('join.unavailable.title', language))}"
                         f"</h1><p>{_e(t('join.unavailable.body', language))}</p>", 503, language)
    response.headers["Retry-After"] = "30"
    return response


def preview(page: PageInfo, language: str) -> HTMLResponse:
    description = t("join.preview", language, name=page.workspace)
    head = (f'<meta property="og:type" content="website"><meta property="og:title" content="{_e(page.community)}">'
            f'<meta property="og:description" content="{_e(description)}">')
    return _document(page.community, f"<h1>{_e(page.community)}</h1><p>{_e(description)}</p>", 200, language, head)


def _box(name: str, label: str, checked: bool, required: bool = False) -> str:
    return (f'<label class="box"><input type="checkbox" name="{_e(name)}" value="yes"'
            f'{" checked" if checked else ""}{" required" if required else ""}><span>{_e(label)}</span></label>')


def form_page(page: PageInfo, code: str, token: str, language: str, sub: Submission | None = None,
              errors: list[str] | None = None, status: int = 200) -> HTMLResponse:
    """The form; after a refusal, the messages on top and every field as typed (escaped)."""
    sub = sub or Submission()
    parts = [f"<h1>{_e(page.community)}</h1>",
             f"<p>{_e(t('join.intro', language, community=page.community, name=page.workspace))}</p>"]
    if errors:
        items = "".join(f"<li>{_e(t(f'join.error.{key}', language))}</li>" for key in dict.fromkeys(errors))
        parts.append(f'<div class="errors" role="alert"><ul>{items}</ul></div>')
    parts.append(f'<form method="post" action="/j/{_e(code)}" accept-charset="utf-8">')
    parts.append(f'<input type="hidden" name="{TOKEN_FIELD}" value="{_e(token)}">')
    parts.append(f'<div class="hp" aria-hidden="true"><label for="hp">{_e(t("join.honeypot", language))}</label>'
                 f'<input type="text" id="hp" name="{HONEYPOT}" value="" tabindex="-1" autocomplete="off"></div>')
    parts.append(f'<label for="first_name">{_e(t("join.field.first_name", language))}</label>'
                 f'<input type="text" id="first_name" name="first_name" maxlength="80" required'
                 f' autocomplete="given-name" value="{_e(sub.first_name)}">')
    parts.append(f'<label for="phone">{_e(t("join.field.phone", language))}</label>'
                 f'<input type="tel" id="phone" name="phone" maxlength="40" required autocomplete="tel"'
                 f' inputmode="tel" value="{_e(sub.phone)}"><small>{_e(t("join.field.phone_help", language))}</small>')
    parts.append(f'<label for="email">{_e(t("join.field.email", language))}</label>'
                 f'<input type="email" id="email" name="email" maxlength="254" autocomplete="email"'
                 f' value="{_e(sub.email)}">')
    if page.interests:
        boxes = "".join(f'<label class="box"><input type="checkbox" name="interests" value="{_e(i)}"'
                        f'{" checked" if i in sub.interests else ""}><span>{_e(i)}</span></label>'
                        for i in page.interests)
        parts.append(f"<fieldset><legend>{_e(t('join.field.interests', language))}</legend>{boxes}</fieldset>")
    bands = "".join(f'<label class="box"><input type="radio" name="budget" value="{_e(value)}"'
                    f'{" checked" if sub.budget == value else ""}><span>{_e(t(f"join.budget.{value}", language))}'
                    f"</span></label>" for value, _, _ in BUDGET_BANDS)
    bands += (f'<label class="box"><input type="radio" name="budget" value=""{"" if sub.budget else " checked"}>'
              f'<span>{_e(t("join.budget.none", language))}</span></label>')
    parts.append(f"<fieldset><legend>{_e(t('join.field.budget', language))}</legend>{bands}</fieldset>")
    if page.channels:
        # the sentence shown is the one stored with the proof (lib.links.join.consent_wording)
        consents = "".join(_box(f"consent_{c}", consent_wording(c, page.workspace, language),
                                c in sub.consents) for c in page.channels)
        parts.append(f"<fieldset><legend>{_e(t('join.field.consents', language))}</legend>{consents}</fieldset>")
    if page.is_alcohol:
        parts.append(_box("adult", t("join.field.adult", language), sub.adult, required=True))
    parts.append(f'<button type="submit">{_e(t("join.submit", language))}</button></form>')
    if page.is_alcohol:
        parts.append(f'<p class="evin">{_e(t("join.evin", language))}</p>')
    parts.append(f'<p class="notice">{_e(t("join.privacy", language, name=page.workspace))}</p>')
    return _document(page.community, "".join(parts), status, language)


def thanks_page(page: PageInfo, language: str) -> HTMLResponse:
    body = (f"<h1>{_e(t('join.thanks.title', language))}</h1>"
            f"<p>{_e(t('join.thanks.body', language, name=page.workspace))}</p>")
    if page.invite_url:
        body += f'<a class="button" href="{_e(page.invite_url)}">{_e(t("join.thanks.button", language))}</a>'
    if page.is_alcohol:
        body += f'<p class="evin">{_e(t("join.evin", language))}</p>'
    return _document(t("join.thanks.title", language), body, 200, language)


# --- database (blocking: called in a thread) ---------------------------------------------------------------------


def _resolve(conn: psycopg.Connection, code: str) -> PageInfo | None:
    row = conn.execute("select page_id::text, enabled, community_name, invite_url, workspace_name, is_alcohol,"
                       " default_region, channels, interests, source from cercle_join.resolve_page(%s)",
                       (code,)).fetchone()
    if row is None or not row[1]:
        return None
    *head, channels, interests, source = row
    return PageInfo(*head, tuple(channels or ()), tuple(interests or ()), source)


def open_page(db: Database, code: str, *, visitor: str | None = None,
              attempt_by: str | None = None) -> tuple[PageInfo | None, bool]:
    """The page behind ``code`` (None when unknown or disabled), in one transaction with what the request notes:
    ``visitor`` given, the view is counted; ``attempt_by`` given, a form sent is noted for the rate limits and the
    second value says whether it stays within them (True when nothing was noted)."""
    allowed = True
    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203200000
        page = _resolve(conn, code)
        if page is not None and visitor is not None:
            conn.execute("select cercle_join.record_view(%s, %s)", (page.id, visitor))
        if page is not None and attempt_by is not None:
            allowed = bool(conn.execute("select cercle_join.attempt(%s, %s, %s, %s)",
                                        (page.id, attempt_by, LIMITS["per_visitor"], LIMITS["per_page"])
                                        ).fetchone()[0])
    return page, allowed


def sign_up(db: Database, code: str, nonce: str, sub: Submission, proofs: dict) -> str:
    from lib.contacts.consent import clean_text

    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203200000
        return conn.execute(
            "select cercle_join.sign_up(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (code, nonce, clean_text(sub.first_name, limit=80), sub.phone_e164, sub.phone_type, sub.phone_region,
             list(sub.reach), sub.email.strip().lower() or None, sub.interests, sub.budget_label, sub.budget_min,
             sub.budget_max, True if sub.adult else None, sub.consents, Jsonb(proofs)),
        ).fetchone()[0]


# --- the route ----------------------------------------------------------------------------------------------------


def _after_sign_up(page: PageInfo, code: str) -> Response:
    target = page.invite_url or f"/j/{code}/merci"
    return Response(status_code=303, headers={**_HEADERS, "Location": target})


async def _show(request: Request, code: str, language: str) -> Response:
    user_agent = request.headers.get("user-agent", "")
    bot = is_preview_bot(user_agent)
    database = await asyncio.to_thread(get_database)
    visitor = None
    if request.method == "GET" and not bot:
        visitor = visitor_hash(await asyncio.to_thread(visitor_key, database), client_ip(request), user_agent)
    page, _ = await asyncio.to_thread(open_page, database, code, visitor=visitor)
    if page is None:
        return not_found(language)
    if bot:
        return preview(page, language)
    key = await asyncio.to_thread(form_key, database)
    return form_page(page, code, make_token(key, code), language)


async def _read_form(request: Request) -> dict[str, list[str]] | None:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    try:
        body = await read_body(request, MAX_BODY, READ_TIMEOUT)  # the one bounded reader of every public route
    except BodyRefused:
        return None
    try:
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=80, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None


def _refuse(page: PageInfo, code: str, key: str, language: str, sub: Submission, errors: list[str]) -> Response:
    return form_page(page, code, make_token(key, code), language, sub, errors, status=400)


async def _submit(request: Request, code: str, language: str) -> Response:
    form = await _read_form(request)
    database = await asyncio.to_thread(get_database)
    ip_key = await asyncio.to_thread(visitor_key, database)
    # a robot that filled the hidden field is told "thank you" below, and nothing is kept, not even its attempt
    trapped = form is not None and any(value.strip() for value in form.get(HONEYPOT, []))
    attempt_by = None if trapped else client_hash(ip_key, client_ip(request))
    page, allowed = await asyncio.to_thread(open_page, database, code, attempt_by=attempt_by)
    if page is None:
        return not_found(language)
    key = await asyncio.to_thread(form_key, database)
    if trapped:
        return _after_sign_up(page, code)
    if form is None:
        return _refuse(page, code, key, language, Submission(), ["bad_request"])
    if not allowed:
        response = _refuse(page, code, key, language, read_submission(form, page), ["rate_limited"])
        response.headers["Retry-After"] = "600"
        return response
    sub = read_submission(form, page)
    verdict, nonce = check_token(key, code, (form.get(TOKEN_FIELD) or [""])[0])
    if verdict != "ok":
        return _refuse(page, code, key, language, sub, [f"token_{verdict}"])
    if sub.errors:
        return _refuse(page, code, key, language, sub, sub.errors)
    visitor = visitor_hash(ip_key, client_ip(request), request.headers.get("user-agent", ""))
    at = dt.datetime.now(dt.UTC)
    proofs = proofs_for(sub, page, code, visitor, at, language)
    outcome = await asyncio.to_thread(sign_up, database, code, nonce, sub, proofs)
    if outcome == "not_found":
        return not_found(language)
    if outcome == "replayed":
        return _refuse(page, code, key, language, sub, ["token_replayed"])
    return _after_sign_up(page, code)


async def join(request: Request) -> Response:
    global _in_flight
    language = language_of(request)
    if request.method != "POST" and not PAGE_RATE_LIMITER.allow(client_ip(request)):
        response = _document(t("join.error.rate_limited", language), f"<p>{_e(t('join.error.rate_limited', language))}"
                             "</p>", 429, language)
        response.headers["Retry-After"] = str(int(PAGE_RATE_LIMITER.window))
        return response
    if _in_flight >= MAX_CONCURRENT:
        return unavailable(language)
    _in_flight += 1  # one event loop: no lock needed between awaits
    try:
        return await _join(request, language)
    finally:
        _in_flight -= 1


async def _join(request: Request, language: str) -> Response:
    path = request.path_params.get("code", "")
    code, _, rest = path.partition("/")
    if not is_code(code) or rest not in ("", "merci") or (rest and request.method == "POST"):
        return not_found(language)
    try:
        if rest == "merci":
            database = await asyncio.to_thread(get_database)
            page, _ = await asyncio.to_thread(open_page, database, code)
            return thanks_page(page, language) if page is not None else not_found(language)
        if request.method == "POST":
            return await _submit(request, code, language)
        return await _show(request, code, language)
    except (DatabaseUnavailable, psycopg.Error):
        log.exception("join page %s failed", code[:40])
        return unavailable(language)


# {code:path}: /j/CODE/../x and the like get the 404 page too; /j/CODE/merci is the thank-you page.
JOIN_ROUTE = Route("/j/{code:path}", join, methods=["GET", "HEAD", "POST"])
